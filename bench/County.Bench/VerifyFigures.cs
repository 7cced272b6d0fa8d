extern alias verifybench;

using Marten;
using Marten.Events;
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

    public static async Task<Result> RunAsync(IDocumentStore store, IntegrityChain chain, int events)
    {
        await Seed.TopUpAsync(store, events);
        await chain.SealAsync();
        var total = await Seed.CountAsync(store);
        // The async projections fold the topped-up events in the background; verify is timed after them.
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));

        var raw = await Measured.RunAsync(() => Baseline.ReadEventsAndHashesAsync(store));
        var start = Measured.Now();
        var problems = new List<string>();
        await foreach (var finding in chain.VerifyAsync())
            if (finding is not Progress and not Summary) problems.Add(finding.ToString()!);
        var verify = Measured.Since(start);
        // Reported beside the figure rather than thrown, so a problem never costs the rest of the table.
        return new Result(total, verify.Wall.TotalSeconds, raw.Wall.TotalSeconds, problems);
    }
}
