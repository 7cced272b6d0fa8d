extern alias verifybench;

using Marten;
using Npgsql;
using verifybench::Sanzi.Bench.Verify;
using Sanzi.Integrity;

namespace Sanzi.Bench.County;

/// <summary>
/// Verify of a log of the size asked for: the county's events topped up with hashed items (Verify.Bench's seed) to
/// that many, sealed, then verified whole, beside raw PostgreSQL reading every event and hash row.
/// </summary>
public static class VerifyFigures
{
    public sealed record Result(long Events, double VerifySeconds, double RawReadSeconds);

    public static async Task<Result> RunAsync(IDocumentStore store, IntegrityChain chain, string connection, int events)
    {
        var have = await CountAsync(connection);
        if (have < events) await Seed.ItemsAsync(store, (int)(events - have));
        await chain.SealAsync();
        var total = await CountAsync(connection);

        var raw = await Measured.RunAsync(() => Baseline.ReadEventsAndHashesAsync(store));
        var start = Measured.Now();
        Summary? summary = null;
        await foreach (var finding in chain.VerifyAsync())
            if (finding is Summary s) summary = s;
        var verify = Measured.Since(start);
        if (summary is not { Ok: true }) throw new InvalidOperationException("verify found problems in a clean log");
        return new Result(total, verify.Wall.TotalSeconds, raw.Wall.TotalSeconds);
    }

    private static async Task<long> CountAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from ledger.mt_events", conn);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
