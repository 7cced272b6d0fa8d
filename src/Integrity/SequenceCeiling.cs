using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// How far the log may be sealed. Sequence numbers are taken before commit, so a gap below the newest
/// event may still fill when a slow transaction commits; sealing past it would later make that honest
/// event look inserted out of band. A gap is settled once every transaction that could hold its number
/// has ended: we read the sequence's last value, then wait until every other transaction that has drawn
/// from the sequence so far has ended.
/// </summary>
/// <remarks>
/// Which transactions have drawn is read from their locks, not from their transaction ids: <c>nextval</c> locks
/// the sequence until the drawing transaction ends, at the very moment it hands out the number, while a
/// transaction id comes only with the first row written. A writer that fetches its numbers first and writes
/// later (Marten does for a session's events, and under load "later" was seconds) had no id yet when the
/// snapshot this proof used to take was taken, so the sealer sealed past numbers still to come. Locks are
/// released after the commit is visible, so once they are gone the rows are there to be read.
/// </remarks>
internal static class SequenceCeiling
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(5);

    /// <summary>The highest sequence number handed out so far, and whether every gap below it is known to be permanent.</summary>
    public static async Task<(long Ceiling, bool Settled)> ProveAsync(NpgsqlConnection connection, Tables rows, CancellationToken ct)
    {
        long ceiling;
        await using (var last = new NpgsqlCommand($"select case when is_called then last_value else 0 end from {rows.Sequence}", connection))
            ceiling = (long)(await last.ExecuteScalarAsync(ct))!;
        var drawers = await Drawers(connection, rows, ct);

        var deadline = DateTime.UtcNow + GiveUp;
        while (drawers.Length > 0)
        {
            if (DateTime.UtcNow >= deadline) return (ceiling, false);
            await Task.Delay(Poll, ct);
            var still = await Drawers(connection, rows, ct);
            drawers = drawers.Intersect(still).ToArray();
        }
        return (ceiling, true);
    }

    /// <summary>
    /// The other transactions (virtual ids, which every transaction has) that drew from the sequence: <c>nextval</c> holds
    /// it in row-exclusive mode, a mere read of it (the daemon's high-water mark) only in access-share mode.
    /// </summary>
    private static async Task<string[]> Drawers(NpgsqlConnection connection, Tables rows, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            select distinct virtualtransaction from pg_locks
            where locktype = 'relation' and relation = $1::text::regclass and mode = 'RowExclusiveLock' and database = (select oid from pg_database where datname = current_database())
              and pid <> pg_backend_pid() and granted
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Sequence });
        var drawers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) drawers.Add(reader.GetString(0));
        return drawers.ToArray();
    }
}
