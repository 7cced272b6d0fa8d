using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Projections.Audit;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Inflated debt (虚增债务): a liability entered or grown after the unit's debt lock (so above its locked
/// balance), or recorded after the freeze but dated before it. An exception (特批) does not clear it: the
/// exception allows the entry, the lead asks whether the debt is real.
/// </summary>
public sealed class DebtInflation : OutflowRule
{
    public override string Name => "debtInflation";
    public override string Flag => "虚增债务";

    protected override bool Concerns(Outflow o, LeadScope scope) => o.What is "新增负债" or "负债增加" && Why(scope, o) is not null;

    protected override Lead Judge(Outflow o, LeadScope scope) =>
        scope.Lead(this, o.UnitCode, $"{Why(scope, o)}{o.What}{Yuan(o.Amount)}（债权人{o.Counterparty}）", o.Amount, null, o.Counterparty, [o.Fact]);

    private static string? Why(LeadScope scope, Outflow o)
    {
        if (scope.DebtsLockedAt(o.UnitCode) is { } locked && o.Fact.RecordedAt > locked) return "锁定债务余额后";
        if (scope.FrozenAt(o.UnitCode) is { } frozen && o.Fact.RecordedAt >= frozen && o.Fact.BusinessDate < Stamp.DayOf(frozen))
            return $"冻结后补记、日期倒签为{Day(o.Fact.BusinessDate)}的";
        return null;
    }
}

/// <summary>
/// Lost claim (债权流失): a claim (债权) reduced otherwise than by a collection, i.e. written off (核销), in the
/// freeze window: where claims are most easily forgiven to friends.
/// </summary>
public sealed class ClaimLoss : EventRule<DebtReduced>
{
    public override string Name => "claimLoss";
    public override string Flag => "债权流失";

    protected override bool Concerns(EventFact fact, DebtReduced r, LeadScope scope) => r.How == Reduction.WriteOff && scope.InFreezeWindow(fact);

    protected override Lead Judge(EventFact fact, DebtReduced r, LeadScope scope) =>
        scope.Lead(this, r.UnitCode,
            $"冻结后于{Day(r.Stamp.BusinessDate)}核销债权（{scope.ItemLabel(r.DebtId)}）{Yuan(r.Amount)}，批准人{r.Approval?.Approver ?? "无"}",
            r.Amount, null, (scope.FirstEventOf(r.DebtId) as DebtRecorded)?.Counterparty, [fact]);
}

/// <summary>
/// Loans or guarantees to outsiders (对外借款、担保): from the plan on (business time), a new claim (应收款) on an
/// individual or an outside unit that is not a bank or government body: money lent out as the books close.
/// </summary>
public sealed class LoanToOutsider : EventRule<DebtRecorded>
{
    public override string Name => "loanToOutsider";
    public override string Flag => "对外借款担保";

    protected override bool Concerns(EventFact fact, DebtRecorded d, LeadScope scope) =>
        d.Side == ItemKind.Claim && d.Kind != DebtKind.Internal && d.CounterpartyType != HolderType.Collective
        && !scope.Counterparties.IsPublic(d.Counterparty) && scope.InReformWindow(d.UnitCode, d.Stamp.BusinessDate);

    protected override Lead Judge(EventFact fact, DebtRecorded d, LeadScope scope) =>
        scope.Lead(this, d.UnitCode,
            $"调整方案公布后于{Day(d.Stamp.BusinessDate)}借出{Yuan(d.Amount)}给{(scope.Counterparties.IsIndividual(d.Counterparty, d.CounterpartyType) ? "个人" : "外单位")}{d.Counterparty}（{d.Document}）",
            d.Amount, null, d.Counterparty, [fact]);
}
