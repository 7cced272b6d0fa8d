using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Projections.Leads;

/// <summary>
/// The leads an inspector asks for: those the inspection projection keeps (standing or withdrawn), or the rules
/// judged now over a reform's or unit's events recorded up to a moment, keeping those with an event in the period.
/// </summary>
public static class LeadQueries
{
    public static async Task<IReadOnlyList<Lead>> StoredAsync(IQuerySession session, Guid? reformId, string? unit, string? rule, bool withdrawn,
        CancellationToken ct)
    {
        IQueryable<Lead> query = session.Query<Lead>();
        if (reformId is not null) query = query.Where(x => x.ReformId == reformId);
        if (unit is not null) query = query.Where(x => x.UnitCode == unit);
        if (rule is not null) query = query.Where(x => x.Rule == rule);
        query = withdrawn ? query.Where(x => x.Withdrawn != null) : query.Where(x => x.Withdrawn == null);
        return await query.ToListAsync(ct);
    }

    public static async Task<IReadOnlyList<Lead>> EvaluateAsync(IQuerySession session, Guid? reformId, string? unit, LeadThresholds thresholds,
        Instant since, Instant until, CancellationToken ct)
    {
        var judged = reformId is { } id
            ? ScopeLoader.ForReform(await session.LoadAsync<Reform>(id, ct) ?? throw Refused.NotFound($"Reform {id} is not in the ledger."))
            : unit is not null
                ? await ScopeLoader.ForUnitAsync(session, await session.UnitAsync(unit, ct, "unit"), ct)
                : throw Refused.Invalid("reform", "or unit is required to evaluate a period (from/to)");
        var scope = await ScopeLoader.LoadAsync(session, judged, thresholds, long.MaxValue, [], ct, recordedBefore: until);
        return LeadRules.Evaluate(scope).Where(l => l.LastRecordedAt >= since).ToList();
    }
}
