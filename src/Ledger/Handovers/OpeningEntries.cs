using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Items;

namespace Sanzi.Ledger.Handovers;

/// <summary>
/// The successor's opening entry for state assets received by free transfer (无偿调拨): each item debited to (or,
/// for a liability, credited to) its government account at the value handed over, the balance credited to 3401.
/// </summary>
public static class OpeningEntries
{
    public static StateAssetsReceived For(string successorCode, Guid handoverId, string fromUnit, TransferTerms transfer,
        IEnumerable<(Item Item, decimal Value)> received, Stamp stamp)
    {
        var lines = received
            .GroupBy(r => AccountOf(r.Item))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Sum: g.Sum(r => r.Value), Liability: g.First().Item.Kind == ItemKind.Liability))
            .Select(g => new OpeningLine(g.Code, ChartOfAccounts.Government.Accounts[g.Code], g.Liability ? 0m : g.Sum, g.Liability ? g.Sum : 0m))
            .ToList();
        var net = lines.Sum(l => l.Debit - l.Credit);
        lines.Add(new OpeningLine(ChartOfAccounts.FreeTransferNetAssets, ChartOfAccounts.Government.Accounts[ChartOfAccounts.FreeTransferNetAssets],
            net < 0 ? -net : 0m, net > 0 ? net : 0m));
        return new StateAssetsReceived(successorCode, handoverId, fromUnit, transfer, lines, net, stamp);
    }

    /// <summary>The government account (政府会计制度) an item of the state book is carried in.</summary>
    public static string AccountOf(Item item) => (item.Kind, item.Category) switch
    {
        (ItemKind.Fund, "cash") => "1001",
        (ItemKind.Fund, _) => "1002",
        (ItemKind.Asset, "building" or "vehicle" or "machinery" or "officeEquipment") => "1601",
        (ItemKind.Asset, "constructionInProgress") => "1613",
        (ItemKind.Asset, "intangible") => "1701",
        (ItemKind.Asset, "longTermInvestment") => "1501",
        (ItemKind.Asset, _) => "1302",
        // State land and other natural resources a township holds are carried as land-use rights.
        (ItemKind.Resource, _) => "1701",
        (ItemKind.Claim, "receivable") => "1212",
        (ItemKind.Claim, _) => "1218",
        (ItemKind.Liability, "loan") => "2001",
        (ItemKind.Liability, "payable") => "2302",
        _ => "2307",
    };
}
