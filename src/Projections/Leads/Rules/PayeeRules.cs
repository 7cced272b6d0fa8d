using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Shared payee (多单位同一收款人): one payee, other than a collective or a public body of the counterparty
/// register (utility, government, bank), paid by at least <see cref="LeadThresholds.SharedPayeeUnits"/> old units
/// of the same reform. One lead per paying unit.
/// </summary>
public sealed class SharedPayee : ILeadRule
{
    public string Name => "sharedPayee";
    public string Flag => "多单位同一收款人";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        if (scope.Reform is not { } reform) yield break;
        var old = reform.Predecessors.Select(p => p.Code).ToHashSet();
        var byPayee = scope.Of<PaymentRecorded>()
            .Where(p => old.Contains(p.Event.UnitCode) && p.Event.Payee.Type != HolderType.Collective && !scope.Counterparties.IsPublic(p.Event.Payee.Name))
            .GroupBy(p => p.Event.Payee.Name.Trim());
        foreach (var payee in byPayee)
        {
            var units = payee.GroupBy(p => p.Event.UnitCode).ToList();
            if (units.Count < scope.Thresholds.SharedPayeeUnits) continue;
            foreach (var unit in units)
                yield return scope.Lead(this, unit.Key,
                    $"向{payee.Key}付款{Yuan(unit.Sum(p => p.Event.Amount))}，同一改革中的{string.Join("、", units.Select(u => u.Key).Where(u => u != unit.Key).Select(scope.UnitName))}也向其付款",
                    unit.Sum(p => p.Event.Amount), null, payee.Key, unit.Select(p => p.Fact).ToList());
        }
    }
}

/// <summary>Payee is an actor (收款人为经办人): a payment to someone who also records entries in the scope's books.</summary>
public sealed class PayeeIsActor : ILeadRule
{
    public string Name => "payeeIsActor";
    public string Flag => "收款人为经办人";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        var actors = scope.Facts.Select(f => f.Actor).ToHashSet();
        return scope.Of<PaymentRecorded>().Where(p => actors.Contains(p.Event.Payee.Name.Trim()))
            .Select(p => scope.Lead(this, p.Event.UnitCode,
                $"于{Day(p.Event.Stamp.BusinessDate)}向{p.Event.Payee.Name}付款{Yuan(p.Event.Amount)}（{p.Event.Purpose}），此人也在本账簿记账",
                p.Event.Amount, null, p.Event.Payee.Name, [p.Fact]));
    }
}

/// <summary>
/// Dividing collective assets (私分): a distribution (322 收益分配), or a payment to an individual for a share-out
/// (分红, 分配), whose resolution reference does not name a members' meeting and a number.
/// </summary>
public sealed class DividingAssets : ILeadRule
{
    public string Name => "dividingAssets";
    public string Flag => "私分集体资产";

    private static readonly string[] ShareOut = ["分红", "分配", "分发", "发放"];

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Of<PaymentRecorded>()
            .Where(p => (p.Event.AccountCode == ChartCodes.Distribution
                         || (scope.Counterparties.IsIndividual(p.Event.Payee.Name, p.Event.Payee.Type) && ShareOut.Any(p.Event.Purpose.Contains)))
                        && !DocumentForm.IsResolutionReference(p.Event.ResolutionReference))
            .Select(p => scope.Lead(this, p.Event.UnitCode,
                $"于{Day(p.Event.Stamp.BusinessDate)}向{p.Event.Payee.Name}支付{Yuan(p.Event.Amount)}（{p.Event.Purpose}，科目{p.Event.AccountCode}），无成员大会决议" +
                (string.IsNullOrWhiteSpace(p.Event.ResolutionReference) ? "" : $"（所填“{p.Event.ResolutionReference}”不是决议文号）"),
                p.Event.Amount, null, p.Event.Payee.Name, [p.Fact]));
}
