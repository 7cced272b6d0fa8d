using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Sanzi.Bench.Inspection;

/// <summary>
/// Runs a projection over the log as the async daemon does: the events after its last point, in batches of the
/// daemon's size, each applied to a session and committed. Timed from the first read to the last commit.
/// </summary>
public sealed class Projecting(IDocumentStore store, int batchSize)
{
    public async Task<TimeSpan> RunAsync(IProjection projection, long after, long upTo)
    {
        var watch = Stopwatch.StartNew();
        for (var from = after; from < upTo; from += batchSize)
        {
            var until = Math.Min(from + batchSize, upTo);
            await using var session = store.LightweightSession();
            IReadOnlyList<IEvent> batch = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > from && e.Sequence <= until).OrderBy(e => e.Sequence).ToListAsync();
            await projection.ApplyAsync(session, batch, CancellationToken.None);
            await session.SaveChangesAsync();
        }
        return watch.Elapsed;
    }

    public async Task<long> HeadAsync()
    {
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents().MaxAsync(e => e.Sequence);
    }
}
