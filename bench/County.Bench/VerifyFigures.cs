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
    public sealed record Result(long Events, double VerifySeconds, double RawReadSeconds, IReadOnlyList<string> Problems);

    public static async Task<Result> RunAsync(IDocumentStore store, IntegrityChain chain, string connection, int events)
    {
        var have = await CountAsync(connection);
        if (have < events) await Seed.ItemsAsync(store, (int)(events - have));
        await chain.SealAsync();
        var total = await CountAsync(connection);

        var raw = await Measured.RunAsync(() => Baseline.ReadEventsAndHashesAsync(store));
        var start = Measured.Now();
        var problems = new List<string>();
        await foreach (var finding in chain.VerifyAsync())
            if (finding is not Progress and not Summary) problems.Add(finding.ToString()!);
        var verify = Measured.Since(start);
        // Reported beside the figure rather than thrown, so a problem never costs the rest of the table.
        return new Result(total, verify.Wall.TotalSeconds, raw.Wall.TotalSeconds, problems);
    }

    private static async Task<long> CountAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from ledger.mt_events", conn);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
