using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Shared payee (多单位同一收款人): one payee, other than a collective, paid by at least
/// <see cref="LeadThresholds.SharedPayeeUnits"/> old units of the same reform. One lead per paying unit.
/// </summary>
public sealed class SharedPayee : ILeadRule
{
    public string Name => "sharedPayee";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        if (scope.Reform is not { } reform) yield break;
        var old = reform.Predecessors.Select(p => p.Code).ToHashSet();
        var byPayee = scope.Of<PaymentRecorded>()
            .Where(p => old.Contains(p.Event.UnitCode) && p.Event.Payee.Type != HolderType.Collective)
            .GroupBy(p => p.Event.Payee.Name.Trim());
        foreach (var payee in byPayee)
        {
            var units = payee.GroupBy(p => p.Event.UnitCode).ToList();
            if (units.Count < scope.Thresholds.SharedPayeeUnits) continue;
            foreach (var unit in units)
                yield return Lead.Of(Name, unit.Key,
                    $"{payee.Key} was paid {unit.Sum(p => p.Event.Amount):0.00} by {unit.Key} and also by {string.Join(", ", units.Select(u => u.Key).Where(u => u != unit.Key))} of the same reform",
                    unit.Sum(p => p.Event.Amount), null, payee.Key, unit.Select(p => p.Fact).ToList());
        }
    }
}

/// <summary>Payee is an actor (收款人为经办人): a payment to someone who also records entries in the scope's books.</summary>
public sealed class PayeeIsActor : ILeadRule
{
    public string Name => "payeeIsActor";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        var actors = scope.Facts.Select(f => f.Actor).ToHashSet();
        return scope.Of<PaymentRecorded>().Where(p => actors.Contains(p.Event.Payee.Name.Trim()))
            .Select(p => Lead.Of(Name, p.Event.UnitCode,
                $"{p.Event.Amount:0.00} paid to {p.Event.Payee.Name}, who also records entries in these books (收款人为经办人)",
                p.Event.Amount, null, p.Event.Payee.Name, [p.Fact]));
    }
}
