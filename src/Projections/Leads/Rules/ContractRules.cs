using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Resources;
using Sanzi.Projections.Audit;
using Sanzi.Projections.Contracts;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Rent in arrears (欠缴租金): a resource contract whose rent for the year under way, due at the year's start, is not
/// booked <see cref="LeadThresholds.RentGraceDays"/> later (see <see cref="ContractReminders"/>); the report
/// <c>GET /api/units/{code}/contracts</c> lists the same with the contracts about to run out.
/// </summary>
public sealed class RentInArrears : ILeadRule
{
    public string Name => "rentInArrears";
    public string Flag => "欠缴租金";
    public bool ReadsToday => true;

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) => Contractor.KeysOf(fact);

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var contracts = facts.Of<ResourceContracted>().ToList();
        if (contracts.Count == 0) yield break;
        var receipts = facts.Of<ReceiptRecorded>().Select(r => r.Event).ToList();
        var lines = ContractReminders.Build(contracts.Select(c => c.Event), receipts, scope.Today, scope.Thresholds);
        foreach (var line in lines.Where(l => l.InArrears))
        {
            var contract = contracts.First(c => c.Event.ResourceId == line.ResourceId && c.Event.ContractNumber == line.ContractNumber);
            yield return scope.Lead(this, line.UnitCode,
                $"{scope.ItemLabel(line.ResourceId)}发包给{line.Contractor}（合同{line.ContractNumber}），{Day(line.YearFrom!.Value)}起的年度租金{Yuan(line.RentDue)}逾期未缴，已入账{Yuan(line.RentBooked)}",
                line.Arrears, line.RentDue, line.Contractor, [contract.Fact]);
        }
    }
}

/// <summary>
/// A contractor (承包方) of a unit, the key of the rent rules: their contracts and the rent booked from them (receipts
/// on 511 发包及上交收入 whose payer is the contractor, names trimmed).
/// </summary>
internal static class Contractor
{
    public static IEnumerable<string> KeysOf(EventFact fact) => fact.Event switch
    {
        ResourceContracted c => [$"{c.UnitCode}|{c.Contractor.Trim()}"],
        ReceiptRecorded { AccountCode: ChartCodes.ContractIncome } r => [$"{r.UnitCode}|{r.Payer.Trim()}"],
        _ => [],
    };
}
