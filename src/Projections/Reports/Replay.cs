using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Sanzi.Projections.Reports;

/// <summary>
/// Reports at another time than now: the events of the given streams recorded up to <see cref="ReportTime.KnownAt"/>,
/// of those the ones that had happened by <see cref="ReportTime.AsOf"/> in business time, run through the very
/// projection registered for <typeparamref name="T"/>, so past and present can't be computed differently.
/// </summary>
public static class Replay
{
    public static async Task<IReadOnlyList<T>> AtAsync<T>(IQuerySession session, IEnumerable<Guid> streams, ReportTime time, CancellationToken ct,
        params Type[] eventTypes) where T : class
    {
        var ids = streams.Distinct().ToArray();
        if (ids.Length == 0) return [];
        var events = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids));
        if (time.KnownAt is { } knownAt)
        {
            var until = knownAt.ToDateTimeOffset();
            events = events.Where(e => e.Timestamp <= until);
        }

        if (eventTypes.Length > 0) events = events.Where(e => e.EventTypesAre(eventTypes));
        if (time.BusinessCut is not null)
        {
            var kept = Happened(await events.OrderBy(e => e.Sequence).ToListAsync(ct), time);
            if (kept.Length == 0) return [];
            events = session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(kept));
        }

        return await events.OrderBy(e => e.Sequence).AggregateToManyAsync<T>(ct);
    }

    /// <summary>
    /// The sequence numbers of the events that had happened by the business cut. A stream whose first event had not
    /// (an item entered later) is left out whole, so no projection sees a change to something that did not exist yet.
    /// </summary>
    private static long[] Happened(IReadOnlyList<IEvent> events, ReportTime time) =>
        events.GroupBy(e => e.StreamId)
            .Where(g => time.Includes(g.First().Data))
            .SelectMany(g => g.Where(e => time.Includes(e.Data)))
            .Select(e => e.Sequence)
            .Order()
            .ToArray();
}
