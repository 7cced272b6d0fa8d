using Npgsql;

namespace Sanzi.Ledger.Integrity;

internal static class Heads
{
    public static async Task<ChainHead?> LatestAsync(NpgsqlConnection connection, EventRows rows, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select hash, from_seq, to_seq, events, {EventRows.Timestamp("sealed_at")} from {rows.Seals} order by to_seq desc limit 1",
            connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new ChainHead(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4))
            : null;
    }
}
