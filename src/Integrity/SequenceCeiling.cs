using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// How far the log may be sealed. Sequence numbers are taken before commit, so a gap below the newest
/// event may still fill when a slow transaction commits; sealing past it would later make that honest
/// event look inserted out of band. A gap is settled once every transaction that could hold its number
/// has ended: we read the sequence's last value, then take a snapshot, and wait until every
/// transaction the snapshot saw in flight has committed or rolled back.
/// </summary>
/// <remarks>
/// This relies on Marten's quick append (our append mode) taking each number inside the writing
/// transaction, right before the insert that gives it a transaction id; the short settle covers that instant.
/// </remarks>
internal static class SequenceCeiling
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(5);

    /// <summary>The highest sequence number handed out so far, and whether every gap below it is known to be permanent.</summary>
    public static async Task<(long Ceiling, bool Settled)> ProveAsync(NpgsqlConnection connection, Tables rows, CancellationToken ct)
    {
        var ceiling = (long)(await Scalar(connection, $"select case when is_called then last_value else 0 end from {rows.Sequence}", null, ct))!;
        await Task.Delay(Settle, ct);
        var snapshot = (string)(await Scalar(connection, "select pg_current_snapshot()::text", null, ct))!;

        var deadline = DateTime.UtcNow + GiveUp;
        do
        {
            // Visible, not merely committed: a transaction reads 'committed' in pg_xact a moment before other snapshots can
            // see its rows, and a seal taken in that moment would miss them. A rolled-back one is never visible, and done.
            var inFlight = (long)(await Scalar(connection,
                """
                select count(*) from pg_snapshot_xip($1::pg_snapshot) x
                where pg_xact_status(x) <> 'aborted' and not pg_visible_in_snapshot(x, pg_current_snapshot())
                """, snapshot, ct))!;
            if (inFlight == 0) return (ceiling, true);
            await Task.Delay(Poll, ct);
        } while (DateTime.UtcNow < deadline);
        return (ceiling, false);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql, string? parameter, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteScalarAsync(ct);
    }
}
