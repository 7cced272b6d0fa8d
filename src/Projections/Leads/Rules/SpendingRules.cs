using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Audit;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Rush spending (突击花钱): the payments business-dated in the <see cref="LeadThresholds.RushWindowDays"/> days
/// before the freeze day add up to more than <see cref="LeadThresholds.RushFactor"/> times the unit's own monthly
/// average over the <see cref="LeadThresholds.RushBaselineMonths"/> months before that window. Business time
/// throughout: a merger entered after the fact is judged by the days the payments were made, not typed. Keyed by
/// unit, from its freeze on (its payments before say nothing until then).
/// </summary>
public sealed class RushSpending : ILeadRule
{
    public string Name => "rushSpending";
    public string Flag => "突击花钱";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) => fact.Event switch
    {
        UnitFrozen f => [f.Code],
        PaymentRecorded p when scope.FrozenAt(p.UnitCode) is not null => [p.UnitCode],
        _ => [],
    };

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var t = scope.Thresholds;
        var payments = facts.Of<PaymentRecorded>().ToList();
        foreach (var (freeze, frozen) in facts.Of<UnitFrozen>())
        {
            var freezeDay = Stamp.DayOf(frozen.FrozenAt);
            var windowStart = freezeDay.PlusDays(-t.RushWindowDays);
            var baselineStart = windowStart.PlusMonths(-t.RushBaselineMonths);
            var window = payments.Where(p => p.Event.Stamp.BusinessDate >= windowStart && p.Event.Stamp.BusinessDate < freezeDay).ToList();
            var baseline = payments.Where(p => p.Event.Stamp.BusinessDate >= baselineStart && p.Event.Stamp.BusinessDate < windowStart)
                .Sum(p => p.Event.Amount) / t.RushBaselineMonths;
            var spent = window.Sum(p => p.Event.Amount);
            var limit = t.RushFactor * baseline;
            if (window.Count == 0 || spent <= limit) continue;
            yield return scope.Lead(this, frozen.Code,
                $"冻结日{Day(freezeDay)}前{t.RushWindowDays}天内支出{Yuan(spent)}，此前{t.RushBaselineMonths}个月月均{Yuan(baseline)}，超过{t.RushFactor}倍",
                spent, limit, null, [freeze, .. window.Select(p => p.Fact)]);
        }
    }
}

/// <summary>
/// Hospitality and gifts (招待送礼): from the plan to the handover, a payment whose purpose is hospitality or gifts
/// (<see cref="LeadThresholds.HospitalityWords"/>), the way money leaves before the books change hands.
/// </summary>
public sealed class Hospitality : EventRule<PaymentRecorded>
{
    public override string Name => "hospitality";
    public override string Flag => "突击花钱（招待送礼）";

    protected override bool Concerns(EventFact fact, PaymentRecorded p, LeadScope scope) =>
        scope.InReformWindow(p.UnitCode, p.Stamp.BusinessDate) && scope.Thresholds.HospitalityWords.Any(p.Purpose.Contains);

    protected override Lead Judge(EventFact fact, PaymentRecorded p, LeadScope scope) =>
        scope.Lead(this, p.UnitCode, $"调整方案公布后于{Day(p.Stamp.BusinessDate)}支付{p.Payee.Name}{Yuan(p.Amount)}，用途“{p.Purpose}”",
            p.Amount, null, p.Payee.Name, [fact]);
}

/// <summary>
/// Rush hiring (突击进人): from the plan to the handover, wages (211) paid to a person who had no wages in the
/// <see cref="LeadThresholds.PayrollHistoryMonths"/> months before the plan. One lead per new person.
/// </summary>
public sealed class RushHiring : ILeadRule
{
    public string Name => "rushHiring";
    public string Flag => "突击进人";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) => Payroll.KeysOf(fact);

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var person = Payroll.InOrder(facts);
        if (person.Count == 0) yield break;
        var unit = person[0].Event.UnitCode;
        if (scope.PlannedOn(unit) is not { } planned) yield break;
        var since = planned.PlusMonths(-scope.Thresholds.PayrollHistoryMonths);
        if (person.Any(p => p.Event.Stamp.BusinessDate >= since && p.Event.Stamp.BusinessDate < planned)) yield break;
        var hired = person.Where(p => scope.InReformWindow(unit, p.Event.Stamp.BusinessDate)).ToList();
        if (hired.Count == 0) yield break;
        yield return scope.Lead(this, unit,
            $"调整方案公布（{Day(planned)}）后新增工资发放对象{hired[0].Event.Payee.Name}，共{hired.Count}笔{Yuan(hired.Sum(p => p.Event.Amount))}，此前{scope.Thresholds.PayrollHistoryMonths}个月无工资",
            hired.Sum(p => p.Event.Amount), null, hired[0].Event.Payee.Name, hired.Select(p => p.Fact).ToList());
    }
}

/// <summary>
/// Pay rise (突击涨薪): from the plan to the handover, wages (211) paid to a person above their previous wage
/// payment by more than <see cref="LeadThresholds.PayRiseShare"/>.
/// </summary>
public sealed class PayRise : ILeadRule
{
    public string Name => "payRise";
    public string Flag => "突击涨薪";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) => Payroll.KeysOf(fact);

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var person = Payroll.InOrder(facts);
        for (var i = 1; i < person.Count; i++)
        {
            var (before, now) = (person[i - 1].Event, person[i].Event);
            var limit = before.Amount * (1 + scope.Thresholds.PayRiseShare);
            if (now.Amount <= limit || !scope.InReformWindow(now.UnitCode, now.Stamp.BusinessDate)) continue;
            yield return scope.Lead(this, now.UnitCode,
                $"{now.Payee.Name}的工资由{Day(before.Stamp.BusinessDate)}的{Yuan(before.Amount)}涨到{Day(now.Stamp.BusinessDate)}的{Yuan(now.Amount)}",
                now.Amount, limit, now.Payee.Name, [person[i - 1].Fact, person[i].Fact]);
        }
    }
}

/// <summary>
/// Bonuses (滥发奖金): from the plan to the handover, a wage or welfare payment (211/212) whose purpose is a
/// one-off (<see cref="LeadThresholds.BonusWords"/>: 奖金, 补贴, 过节费 ...).
/// </summary>
public sealed class Bonus : EventRule<PaymentRecorded>
{
    public override string Name => "bonus";
    public override string Flag => "滥发奖金";

    protected override bool Concerns(EventFact fact, PaymentRecorded p, LeadScope scope) =>
        p.AccountCode is ChartCodes.Wages or ChartCodes.Welfare && scope.InReformWindow(p.UnitCode, p.Stamp.BusinessDate)
        && scope.Thresholds.BonusWords.Any(p.Purpose.Contains);

    protected override Lead Judge(EventFact fact, PaymentRecorded p, LeadScope scope) =>
        scope.Lead(this, p.UnitCode, $"调整方案公布后于{Day(p.Stamp.BusinessDate)}向{p.Payee.Name}发放{Yuan(p.Amount)}（{p.Purpose}，科目{p.AccountCode}）",
            p.Amount, null, p.Payee.Name, [fact]);
}

/// <summary>Wage payments (211), keyed by unit and person, in business order.</summary>
internal static class Payroll
{
    public static IEnumerable<string> KeysOf(EventFact fact) =>
        fact.Event is PaymentRecorded { AccountCode: ChartCodes.Wages } p ? [$"{p.UnitCode}|{p.Payee.Name.Trim()}"] : [];

    public static List<(EventFact Fact, PaymentRecorded Event)> InOrder(IEnumerable<EventFact> facts) =>
        facts.Of<PaymentRecorded>().OrderBy(p => p.Event.Stamp.BusinessDate).ThenBy(p => p.Fact.Sequence).ToList();
}

/// <summary>
/// Pay first, paperwork later (资金先付手续再补): a payment, or an approved reduction of a claim, whose approval is
/// dated after the movement it approves (both in business days, Beijing time).
/// </summary>
public sealed class ApprovalAfterPayment : EventRule<ILedgerEvent>
{
    public override string Name => "approvalAfterPayment";
    public override string Flag => "先付后补";

    protected override bool Concerns(EventFact fact, ILedgerEvent e, LeadScope scope) =>
        ApprovalOf(e) is { } approval && Stamp.DayOf(approval.ApprovedAt) > fact.BusinessDate;

    protected override Lead Judge(EventFact fact, ILedgerEvent e, LeadScope scope)
    {
        var approval = ApprovalOf(e)!;
        var what = e is DebtReduced r ? $"核减{scope.ItemLabel(r.DebtId)}" : $"向{((PaymentRecorded)e).Payee.Name}付款";
        return scope.Lead(this, fact.UnitCode!,
            $"{Day(fact.BusinessDate)}{what}{Yuan(fact.Amount ?? 0m)}，审批（{approval.Approver}，{approval.Document}）却在{Day(Stamp.DayOf(approval.ApprovedAt))}才作出",
            fact.Amount ?? 0m, null, fact.Counterparty, [fact]);
    }

    private static Approval? ApprovalOf(ILedgerEvent e) => e switch
    {
        PaymentRecorded p => p.Approval,
        DebtReduced r => r.Approval,
        _ => null,
    };
}

/// <summary>
/// Split payments (拆分支付): two or more payments of one unit to one payee within
/// <see cref="LeadThresholds.SplitWindowDays"/> days (by business date), each under an approval threshold and
/// together at or over it. Both thresholds are checked, the higher first, and a payment joins one lead at most.
/// </summary>
public sealed class SplitPayment : ILeadRule
{
    public string Name => "splitPayment";
    public string Flag => "拆分支付";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) =>
        fact.Event is PaymentRecorded p && p.AccountCode != ChartCodes.Bank ? [$"{p.UnitCode}|{p.Payee.Name.Trim()}"] : [];

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var t = scope.Thresholds;
        var used = new HashSet<long>();
        var payments = facts.Of<PaymentRecorded>().OrderBy(p => p.Event.Stamp.BusinessDate).ThenBy(p => p.Fact.Sequence).ToList();
        foreach (var threshold in new[] { t.HigherApprovalThreshold, t.ApprovalThreshold })
        {
            var parts = payments.Where(p => p.Event.Amount < threshold && !used.Contains(p.Fact.Sequence)).ToList();
            for (var i = 0; i < parts.Count; i++)
            {
                var until = parts[i].Event.Stamp.BusinessDate.PlusDays(t.SplitWindowDays - 1);
                var group = parts.Skip(i).TakeWhile(p => p.Event.Stamp.BusinessDate <= until).ToList();
                var total = group.Sum(p => p.Event.Amount);
                if (group.Count < 2 || total < threshold) continue;
                used.UnionWith(group.Select(p => p.Fact.Sequence));
                i += group.Count - 1;
                var first = group[0].Event;
                yield return scope.Lead(this, first.UnitCode,
                    $"{t.SplitWindowDays}天内向{first.Payee.Name}付款{group.Count}笔，每笔低于审批限额{Yuan(threshold)}，合计{Yuan(total)}",
                    total, threshold, first.Payee.Name, group.Select(p => p.Fact).ToList());
            }
        }
    }
}
