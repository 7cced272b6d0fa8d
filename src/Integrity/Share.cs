using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// One of the parts verify splits the log into, by stream (a byte of the stream id), so that each part holds whole
/// streams: its chains and its documents are checked without the others, and the parts run side by side, each on a
/// core and a server process of its own.
/// </summary>
internal readonly record struct Share(int Index, int Count)
{
    /// <summary>
    /// As many parts as cores, at least two (the server turns jsonb into text on one core per part), at most four: each
    /// part holds three connections for the whole check.
    /// </summary>
    public static IReadOnlyList<Share> All()
    {
        var count = Math.Clamp(Environment.ProcessorCount, 2, 4);
        return Enumerable.Range(0, count).Select(i => new Share(i, count)).ToList();
    }

    /// <summary>The SQL condition that keeps this part's rows of a table keyed by stream id.</summary>
    public string Holds(string streamIdColumn) => $"get_byte(uuid_send({streamIdColumn}), 15) % {Count} = {Index}";

    /// <summary>
    /// Joins a connection to the verification's snapshot and makes it read in sequence order by the primary key: the
    /// planner, not knowing that a share's filter keeps half the rows, would otherwise sort half the log, bodies included, on disk.
    /// </summary>
    public static async Task JoinAsync(NpgsqlConnection connection, string snapshot, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"begin isolation level repeatable read; set transaction snapshot '{snapshot}'; " +
            "set local enable_seqscan = off; set local enable_bitmapscan = off; set local max_parallel_workers_per_gather = 0; set local jit = off",
            connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
