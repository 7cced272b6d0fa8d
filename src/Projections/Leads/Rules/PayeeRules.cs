using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Projections.Audit;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Shared payee (多单位同一收款人): one payee, other than a collective or a public body of the counterparty
/// register (utility, government, bank), paid by at least <see cref="LeadThresholds.SharedPayeeUnits"/> old units
/// of the same reform. One lead per paying unit. Keyed by payee.
/// </summary>
public sealed class SharedPayee : ILeadRule
{
    public string Name => "sharedPayee";
    public string Flag => "多单位同一收款人";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) =>
        fact.Event is PaymentRecorded p && p.Payee.Type != HolderType.Collective ? [p.Payee.Name.Trim()] : [];

    public IEnumerable<Lead> Judge(string payee, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        if (scope.Reform is not { } reform || scope.Counterparties.IsPublic(payee)) yield break;
        var old = reform.Predecessors.Select(p => p.Code).ToHashSet();
        var units = facts.Of<PaymentRecorded>().Where(p => old.Contains(p.Event.UnitCode)).GroupBy(p => p.Event.UnitCode).ToList();
        if (units.Count < scope.Thresholds.SharedPayeeUnits) yield break;
        foreach (var unit in units)
            yield return scope.Lead(this, unit.Key,
                $"向{payee}付款{Yuan(unit.Sum(p => p.Event.Amount))}，同一改革中的{string.Join("、", units.Select(u => u.Key).Where(u => u != unit.Key).Select(scope.UnitName))}也向其付款",
                unit.Sum(p => p.Event.Amount), null, payee, unit.Select(p => p.Fact).ToList());
    }
}

/// <summary>
/// Payee is an actor (收款人为经办人): a payment to someone who also records entries in the scope's books. Keyed by
/// person: the payments to them, and the first entry they recorded.
/// </summary>
public sealed class PayeeIsActor : ILeadRule
{
    public string Name => "payeeIsActor";
    public string Flag => "收款人为经办人";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope)
    {
        if (fact.Event is PaymentRecorded p) yield return p.Payee.Name.Trim();
        if (scope.IsFirstActOf(fact)) yield return fact.Actor;
    }

    public IEnumerable<Lead> Judge(string person, IReadOnlyList<EventFact> facts, LeadScope scope) =>
        !scope.IsActor(person)
            ? []
            : facts.Of<PaymentRecorded>().Where(p => p.Event.Payee.Name.Trim() == person)
                .Select(p => scope.Lead(this, p.Event.UnitCode,
                    $"于{Day(p.Event.Stamp.BusinessDate)}向{p.Event.Payee.Name}付款{Yuan(p.Event.Amount)}（{p.Event.Purpose}），此人也在本账簿记账",
                    p.Event.Amount, null, p.Event.Payee.Name, [p.Fact]));
}

/// <summary>
/// Dividing collective assets (私分): a distribution (322 收益分配), or a payment to an individual for a share-out
/// (分红, 分配), whose resolution reference does not name a members' meeting and a number.
/// </summary>
public sealed class DividingAssets : EventRule<PaymentRecorded>
{
    public override string Name => "dividingAssets";
    public override string Flag => "私分集体资产";

    private static readonly string[] ShareOut = ["分红", "分配", "分发", "发放"];

    protected override bool Concerns(EventFact fact, PaymentRecorded p, LeadScope scope) =>
        (p.AccountCode == ChartCodes.Distribution || (scope.Counterparties.IsIndividual(p.Payee.Name, p.Payee.Type) && ShareOut.Any(p.Purpose.Contains)))
        && !DocumentForm.IsResolutionReference(p.ResolutionReference);

    protected override Lead Judge(EventFact fact, PaymentRecorded p, LeadScope scope) =>
        scope.Lead(this, p.UnitCode,
            $"于{Day(p.Stamp.BusinessDate)}向{p.Payee.Name}支付{Yuan(p.Amount)}（{p.Purpose}，科目{p.AccountCode}），无成员大会决议" +
            (string.IsNullOrWhiteSpace(p.ResolutionReference) ? "" : $"（所填“{p.ResolutionReference}”不是决议文号）"),
            p.Amount, null, p.Payee.Name, [fact]);
}
