using JasperFx.Events;
using Marten;
using Sanzi.Ledger.Audit;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Reads the events the rules judge a reform (or a lone unit) by: every event of every stream that ever
/// touched one of its units, old or new, up to a point of the log. Whole streams, so that an account handed
/// to the successor is still known as cash there.
/// </summary>
public static class ScopeLoader
{
    public static async Task<IReadOnlyList<EventFact>> LoadAsync(IQuerySession session, IReadOnlyCollection<string> unitCodes,
        long upToSequence, IEnumerable<Guid> unsavedStreams, CancellationToken ct)
    {
        var codes = unitCodes.ToArray();
        var saved = await session.Query<AuditEntry>().Where(x => x.UnitCode!.IsOneOf(codes)).Select(x => x.StreamId).Distinct().ToListAsync(ct);
        var streams = saved.Concat(unsavedStreams).Distinct().ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(streams) && e.Sequence <= upToSequence)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        return events.Where(e => e.Data is ILedgerEvent).Select(ToFact).ToList();
    }

    /// <summary>The units whose events are judged together: a reform's old and new units.</summary>
    public static IReadOnlyCollection<string> UnitsOf(Reform reform) =>
        [.. reform.Predecessors.Select(p => p.Code), .. reform.Successors.Select(s => s.Code)];

    public static EventFact ToFact(IEvent e) =>
        new(e.Sequence, e.Id, e.StreamId, e.GetHeader(EventHeaders.Role)?.ToString(), (ILedgerEvent)e.Data);
}
