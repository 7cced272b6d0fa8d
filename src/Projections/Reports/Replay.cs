using Marten;
using Marten.Events;
using NodaTime;

namespace Sanzi.Projections.Reports;

/// <summary>
/// Reports as of a past instant: the events of the given streams up to then, in one query, run through
/// the very projection registered for <typeparamref name="T"/>, so past and present can't be computed differently.
/// </summary>
public static class Replay
{
    public static async Task<IReadOnlyList<T>> AsOfAsync<T>(IQuerySession session, IEnumerable<Guid> streams, Instant asOf, CancellationToken ct,
        params Type[] eventTypes) where T : class
    {
        var ids = streams.Distinct().ToArray();
        if (ids.Length == 0) return [];
        var until = asOf.ToDateTimeOffset();
        var events = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids) && e.Timestamp <= until);
        if (eventTypes.Length > 0) events = events.Where(e => e.EventTypesAre(eventTypes));
        return await events.OrderBy(e => e.Sequence).AggregateToManyAsync<T>(ct);
    }
}
