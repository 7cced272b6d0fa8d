using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Resources;
using Sanzi.Projections.Audit;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Off-book income (账外账, 小金库) and arrears: for each contract year of a lease or contract that has run out by
/// the scope's last business day, the rent booked from the contractor (receipts on 511 发包及上交收入) falls short of
/// the annual rent by more than <see cref="LeadThresholds.RentShortfallShare"/>. Only years that began after the
/// contract entered the ledger: older years were paid into books the ledger never saw. Keyed by contractor.
/// </summary>
public sealed class OffBookIncome : ILeadRule
{
    public string Name => "offBookIncome";
    public string Flag => "账外账";
    public bool ReadsToday => true;

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) => Contractor.KeysOf(fact);

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var contracts = facts.Of<ResourceContracted>().ToList();
        if (contracts.Count == 0) yield break;
        var receipts = facts.Of<ReceiptRecorded>().ToList();
        foreach (var (fact, contract) in contracts)
        {
            for (var start = contract.From; start.PlusYears(1) <= scope.Today && start < contract.To; start = start.PlusYears(1))
            {
                if (start < contract.Stamp.BusinessDate) continue;
                var end = start.PlusYears(1);
                var paid = receipts.Where(r => r.Event.Stamp.BusinessDate >= start && r.Event.Stamp.BusinessDate < end).ToList();
                var booked = paid.Sum(r => r.Event.Amount);
                var floor = contract.AnnualRent * (1 - scope.Thresholds.RentShortfallShare);
                if (booked >= floor) continue;
                yield return scope.Lead(this, contract.UnitCode,
                    $"{scope.ItemLabel(contract.ResourceId)}发包给{contract.Contractor}（合同{contract.ContractNumber}），{Day(start)}至{Day(end.PlusDays(-1))}应收租金{Yuan(contract.AnnualRent)}，入账仅{Yuan(booked)}",
                    contract.AnnualRent - booked, contract.AnnualRent - floor, contract.Contractor, [fact, .. paid.Select(r => r.Fact)]);
            }
        }
    }
}

/// <summary>
/// Cheap lease (低价发包): a contract whose rent per 亩 is below <see cref="LeadThresholds.CheapLeaseShare"/> of the
/// reference for its land type: the county's reference rent (<see cref="LeadThresholds.ReferenceRentPerMu"/>)
/// where configured, otherwise the median of the other contracts of that land type in the scope (at least
/// <see cref="LeadThresholds.CheapLeasePeers"/> of them). Keyed by land type.
/// </summary>
public sealed class CheapLease : ILeadRule
{
    public string Name => "cheapLease";
    public string Flag => "低价发包";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) =>
        fact.Event is ResourceContracted c && scope.FirstEventOf(c.ResourceId) is ResourceRegistered { AreaMu: > 0 } r ? [ApiNames.Name(r.LandType)] : [];

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var t = scope.Thresholds;
        var leases = facts.Of<ResourceContracted>()
            .Select(c => (c.Fact, Contract: c.Event, Resource: scope.FirstEventOf(c.Event.ResourceId) as ResourceRegistered))
            .Where(l => l.Resource is { AreaMu: > 0 })
            .Select(l => (l.Fact, l.Contract, Land: ApiNames.Name(l.Resource!.LandType), l.Resource.AreaMu, PerMu: l.Contract.AnnualRent / l.Resource.AreaMu))
            .ToList();
        foreach (var lease in leases)
        {
            var peers = leases.Where(p => p.Land == lease.Land && p.Fact.Sequence != lease.Fact.Sequence).Select(p => p.PerMu).Order().ToList();
            decimal? reference = t.ReferenceRentPerMu.TryGetValue(lease.Land, out var county) ? county
                : peers.Count >= t.CheapLeasePeers ? Median(peers) : null;
            if (reference is not { } r || lease.PerMu >= t.CheapLeaseShare * r) continue;
            yield return scope.Lead(this, lease.Contract.UnitCode,
                $"{scope.ItemLabel(lease.Contract.ResourceId)}（{lease.AreaMu}亩）发包给{lease.Contract.Contractor}，年租金{Yuan(lease.Contract.AnnualRent)}即每亩{Yuan(decimal.Round(lease.PerMu, 2))}，参考租金每亩{Yuan(r)}",
                decimal.Round(lease.PerMu, 2), t.CheapLeaseShare * r, lease.Contract.Contractor, [lease.Fact]);
        }
    }

    private static decimal Median(IReadOnlyList<decimal> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
