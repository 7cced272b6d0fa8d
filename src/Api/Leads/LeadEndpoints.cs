using Marten;
using NodaTime;
using Sanzi.Api.Hosting;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Leads;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Leads;
using Wolverine.Http;

namespace Sanzi.Api.Leads;

public static class LeadEndpoints
{
    /// <summary>
    /// Leads (线索) found by the red-flag rules, by reform, unit and rule. Without a period these are the leads
    /// the inspection projection keeps as events arrive; with <c>from</c>/<c>to</c> the rules are run now over
    /// the reform's events up to <c>to</c>, keeping the leads with an event recorded in the period.
    /// </summary>
    [WolverineGet("/api/leads")]
    public static async Task<IResult> Find(string? reform, string? unit, string? rule, string? from, string? to, IQuerySession session,
        LeadThresholds thresholds, IClock clock, CancellationToken ct)
    {
        var reformId = QueryParameters.Id(reform, "reform");
        QueryParameters.Unit(unit, "unit");
        QueryParameters.OneOf(rule, "rule", LeadRules.Names);
        var since = QueryParameters.Instant(from, "from");
        var until = QueryParameters.Instant(to, "to");
        QueryParameters.Ordered(since, until, "to");

        IReadOnlyList<Lead> leads = since is null && until is null
            ? await Stored(session, reformId, unit, rule, ct)
            : (await Evaluate(session, reformId, unit, thresholds, since ?? Instant.MinValue, until ?? clock.GetCurrentInstant(), ct))
                .Where(l => (unit is null || l.UnitCode == unit) && (rule is null || l.Rule == rule)).ToList();
        return Results.Ok(leads.OrderBy(l => l.FirstRecordedAt).ThenBy(l => l.Id, StringComparer.Ordinal).ToList());
    }

    private static async Task<IReadOnlyList<Lead>> Stored(IQuerySession session, Guid? reformId, string? unit, string? rule, CancellationToken ct)
    {
        IQueryable<Lead> query = session.Query<Lead>();
        if (reformId is not null) query = query.Where(x => x.ReformId == reformId);
        if (unit is not null) query = query.Where(x => x.UnitCode == unit);
        if (rule is not null) query = query.Where(x => x.Rule == rule);
        return await query.ToListAsync(ct);
    }

    private static async Task<IReadOnlyList<Lead>> Evaluate(IQuerySession session, Guid? reformId, string? unit, LeadThresholds thresholds,
        Instant since, Instant until, CancellationToken ct)
    {
        if (reformId is null && unit is null) throw Refused.Invalid("reform", "or unit is required to evaluate a period (from/to)");
        var book = unit is null ? null : await session.UnitAsync(unit, ct, "unit");
        // A unit is judged with its whole reform: the rules need its successor and the other old units.
        var reform = (reformId ?? book?.ReformId) is { } id
            ? await session.LoadAsync<Reform>(id, ct) ?? throw Refused.NotFound($"Reform {id} is not in the ledger.")
            : null;
        var units = reform is null ? [unit!] : ScopeLoader.UnitsOf(reform);
        var facts = await ScopeLoader.LoadAsync(session, units, long.MaxValue, [], ct);
        var scope = new LeadScope(facts.Where(f => f.RecordedAt < until), thresholds, reform);
        return LeadRules.Evaluate(scope).Where(l => l.LastRecordedAt >= since).ToList();
    }
}
