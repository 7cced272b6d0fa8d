using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Inflated debt (虚增债务): a liability entered or grown after the unit's debt lock (so above its locked
/// balance), or recorded after the freeze but dated before it. An exception (特批) does not clear it: the
/// exception allows the entry, the lead asks whether the debt is real.
/// </summary>
public sealed class DebtInflation : ILeadRule
{
    public string Name => "debtInflation";
    public string Flag => "虚增债务";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Outflows().Where(o => o.What is "新增负债" or "负债增加")
            .Select(o => (Outflow: o, Why: Why(scope, o)))
            .Where(x => x.Why is not null)
            .Select(x => scope.Lead(this, x.Outflow.UnitCode,
                $"{x.Why}{x.Outflow.What}{Yuan(x.Outflow.Amount)}（债权人{x.Outflow.Counterparty}）",
                x.Outflow.Amount, null, x.Outflow.Counterparty, [x.Outflow.Fact]));

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
public sealed class ClaimLoss : ILeadRule
{
    public string Name => "claimLoss";
    public string Flag => "债权流失";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Of<DebtReduced>()
            .Where(r => r.Event.How == Reduction.WriteOff && scope.InFreezeWindow(r.Fact))
            .Select(r => scope.Lead(this, r.Event.UnitCode,
                $"冻结后于{Day(r.Event.Stamp.BusinessDate)}核销债权（{scope.ItemLabel(r.Event.DebtId)}）{Yuan(r.Event.Amount)}，批准人{r.Event.Approval?.Approver ?? "无"}",
                r.Event.Amount, null, (scope.FirstEventOf(r.Event.DebtId) as DebtRecorded)?.Counterparty, [r.Fact]));
}

/// <summary>
/// Loans or guarantees to outsiders (对外借款、担保): from the plan on (business time), a new claim (应收款) on an
/// individual or an outside unit that is not a bank or government body: money lent out as the books close.
/// </summary>
public sealed class LoanToOutsider : ILeadRule
{
    public string Name => "loanToOutsider";
    public string Flag => "对外借款担保";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Of<DebtRecorded>()
            .Where(d => d.Event.Side == ItemKind.Claim && d.Event.Kind != DebtKind.Internal
                        && d.Event.CounterpartyType != HolderType.Collective && !scope.Counterparties.IsPublic(d.Event.Counterparty)
                        && scope.InReformWindow(d.Event.UnitCode, d.Event.Stamp.BusinessDate))
            .Select(d => scope.Lead(this, d.Event.UnitCode,
                $"调整方案公布后于{Day(d.Event.Stamp.BusinessDate)}借出{Yuan(d.Event.Amount)}给{(scope.Counterparties.IsIndividual(d.Event.Counterparty, d.Event.CounterpartyType) ? "个人" : "外单位")}{d.Event.Counterparty}（{d.Event.Document}）",
                d.Event.Amount, null, d.Event.Counterparty, [d.Fact]));
}
