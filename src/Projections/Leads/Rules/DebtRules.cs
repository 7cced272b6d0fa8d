using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Inflated debt (虚增债务): a liability entered or grown after the unit's debt lock (so above its locked
/// balance), or recorded after the freeze but dated before it. An exception (特批) does not clear it: the
/// exception allows the entry, the lead asks whether the debt is real.
/// </summary>
public sealed class DebtInflation : ILeadRule
{
    public string Name => "debtInflation";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Outflows().Where(o => o.What is "new liability" or "liability increase")
            .Select(o => (Outflow: o, Why: Why(scope, o)))
            .Where(x => x.Why is not null)
            .Select(x => Lead.Of(Name, x.Outflow.UnitCode, $"A {x.Outflow.What} of {x.Outflow.Amount:0.00} {x.Why} (虚增债务)",
                x.Outflow.Amount, null, x.Outflow.Counterparty, [x.Outflow.Fact]));

    private static string? Why(LeadScope scope, Outflow o)
    {
        if (scope.DebtsLockedAt(o.UnitCode) is { } locked && o.Fact.RecordedAt > locked) return "after the debt lock";
        if (scope.FrozenAt(o.UnitCode) is { } frozen && o.Fact.RecordedAt >= frozen && o.Fact.BusinessDate < Stamp.DayOf(frozen))
            return "recorded after the freeze but dated before it";
        return null;
    }
}

/// <summary>
/// Lost claim (债权流失): a claim (债权) reduced otherwise than by a collection, i.e. written off (核销), at or
/// after the unit's freeze: in the window where claims are most easily forgiven to friends.
/// </summary>
public sealed class ClaimLoss : ILeadRule
{
    public string Name => "claimLoss";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Of<DebtReduced>()
            .Where(r => r.Event.How == Reduction.WriteOff && scope.InFreezeWindow(r.Fact))
            .Select(r => Lead.Of(Name, r.Event.UnitCode,
                $"A claim reduced by {r.Event.Amount:0.00} without a collection ({ApiNames.Name(r.Event.How)}, approved by {r.Event.Approval?.Approver ?? "nobody"}) after the freeze (债权流失)",
                r.Event.Amount, null, (scope.FirstEventOf(r.Event.DebtId) as DebtRecorded)?.Counterparty, [r.Fact]));
}
