using Sanzi.Ledger.Units;
using Sanzi.Projections.Audit;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Rush spending (突击花钱): the payments business-dated in the <see cref="LeadThresholds.RushWindowDays"/> days
/// before the freeze day add up to more than <see cref="LeadThresholds.RushFactor"/> times the unit's own monthly
/// average over the <see cref="LeadThresholds.RushBaselineMonths"/> months before that window. Payments recorded
/// after the freeze are left to the freeze-window rules.
/// </summary>
public sealed class RushSpending : ILeadRule
{
    public string Name => "rushSpending";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        var t = scope.Thresholds;
        foreach (var (freeze, frozen) in scope.Of<UnitFrozen>())
        {
            var freezeDay = Stamp.DayOf(frozen.FrozenAt);
            var windowStart = freezeDay.PlusDays(-t.RushWindowDays);
            var baselineStart = windowStart.PlusMonths(-t.RushBaselineMonths);
            var payments = scope.Of<PaymentRecorded>()
                .Where(p => p.Event.UnitCode == frozen.Code && p.Fact.RecordedAt < frozen.FrozenAt).ToList();
            var window = payments.Where(p => p.Event.Stamp.BusinessDate >= windowStart && p.Event.Stamp.BusinessDate < freezeDay).ToList();
            var baseline = payments.Where(p => p.Event.Stamp.BusinessDate >= baselineStart && p.Event.Stamp.BusinessDate < windowStart)
                .Sum(p => p.Event.Amount) / t.RushBaselineMonths;
            var spent = window.Sum(p => p.Event.Amount);
            var limit = t.RushFactor * baseline;
            if (window.Count == 0 || spent <= limit) continue;
            yield return Lead.Of(Name, frozen.Code,
                $"{spent:0.00} paid in the {t.RushWindowDays} days before the freeze of {freezeDay}, against a monthly average of {baseline:0.00} before (突击花钱)",
                spent, limit, null, [freeze, .. window.Select(p => p.Fact)]);
        }
    }
}

/// <summary>
/// Split payments (拆分支付): two or more payments of one unit to one payee within
/// <see cref="LeadThresholds.SplitWindowDays"/> days (by business date), each under an approval threshold and
/// together at or over it. Both thresholds are checked, the higher first, and a payment joins one lead at most.
/// </summary>
public sealed class SplitPayment : ILeadRule
{
    public string Name => "splitPayment";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        var t = scope.Thresholds;
        var used = new HashSet<long>();
        var byPayee = scope.Of<PaymentRecorded>()
            .GroupBy(p => (p.Event.UnitCode, Payee: p.Event.Payee.Name.Trim()))
            .Select(g => g.OrderBy(p => p.Event.Stamp.BusinessDate).ThenBy(p => p.Fact.Sequence).ToList())
            .ToList();
        foreach (var threshold in new[] { t.HigherApprovalThreshold, t.ApprovalThreshold })
        foreach (var payments in byPayee)
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
                yield return Lead.Of(Name, first.UnitCode,
                    $"{group.Count} payments to {first.Payee.Name} within {t.SplitWindowDays} days, each under {threshold:0.00}, together {total:0.00} (拆分支付)",
                    total, threshold, first.Payee.Name, group.Select(p => p.Fact).ToList());
            }
        }
    }
}
