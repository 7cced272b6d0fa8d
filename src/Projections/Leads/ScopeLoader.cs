using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

/// <summary>
/// The one place that says which events the rules judge together: a reform's old and new units, or a unit
/// outside any reform alone, with every event of every stream that ever touched one of them, up to a point of
/// the log. Whole streams, so that an account handed to the successor is still known as cash there. The
/// inspection projection and the period queries of <c>GET /api/leads</c> both judge through it.
/// </summary>
public static class ScopeLoader
{
    /// <summary>A reform (or a lone unit) and the units judged with it.</summary>
    public sealed record Judged(Reform? Reform, IReadOnlyCollection<string> Units);

    /// <summary>What a unit is judged with: its whole reform, as the rules need its successor and the other old units.</summary>
    public static async Task<Judged> ForUnitAsync(IQuerySession session, UnitBook unit, CancellationToken ct) =>
        unit.ReformId is { } id && await session.LoadAsync<Reform>(id, ct) is { } reform
            ? ForReform(reform)
            : new Judged(null, [unit.Code]);

    public static Judged ForReform(Reform reform) =>
        new(reform, [.. reform.Predecessors.Select(p => p.Code), .. reform.Successors.Select(s => s.Code)]);

    /// <summary>
    /// The scope's events up to <paramref name="upToSequence"/>. Streams are found through the audit rows;
    /// <paramref name="unsavedStreams"/> adds those whose rows are not saved yet (the batch being projected).
    /// </summary>
    public static async Task<LeadScope> LoadAsync(IQuerySession session, Judged judged, LeadThresholds thresholds, long upToSequence,
        IEnumerable<Guid> unsavedStreams, CancellationToken ct, Instant? recordedBefore = null)
    {
        var codes = judged.Units.ToArray();
        var saved = await session.Query<AuditEntry>().Where(x => x.UnitCode!.IsOneOf(codes)).Select(x => x.StreamId).Distinct().ToListAsync(ct);
        var streams = saved.Concat(unsavedStreams).Distinct().ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(streams) && e.Sequence <= upToSequence)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var facts = events.Where(e => e.Data is ILedgerEvent).Select(EventFact.Of);
        return new LeadScope(recordedBefore is { } until ? facts.Where(f => f.RecordedAt < until) : facts, thresholds, judged.Reform,
            await Registered.LoadAsync(session, ct));
    }
}
