using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;

namespace Sanzi.Projections.Summary;

/// <summary>
/// The balance-sheet rows (资产负债表) of the national clear-account set, book against verified. Resources are
/// registered by area in their own table (资源性资产清查登记总表) and stay out of the totals.
/// </summary>
public static class BalanceSheet
{
    private static readonly string[] FixedAssets = ["building", "vehicle", "machinery", "officeEquipment"];

    private static readonly (string Row, Func<Item, bool> Holds)[] AssetRows =
    [
        ("货币资金", i => i.Kind == ItemKind.Fund),
        ("应收款项", i => i.Kind == ItemKind.Claim),
        ("存货", i => i.Category == "currentAsset"),
        ("牲畜(禽)资产", i => i.Category == "livestock"),
        ("林木资产", i => i.Category == "timber"),
        ("长期投资", i => i.Category == "longTermInvestment"),
    ];

    public static IEnumerable<SummaryLine> Rows(IReadOnlyList<Item> items)
    {
        var assets = items.Where(i => i.Kind is ItemKind.Fund or ItemKind.Claim or ItemKind.Asset).ToList();
        foreach (var (row, holds) in AssetRows) yield return Row(row, assets.Where(holds).ToList());

        var fixedAssets = assets.Where(i => i.Kind == ItemKind.Asset && FixedAssets.Contains(i.Category)).ToList();
        yield return new("资产负债", "固定资产原价", fixedAssets.Count, null, fixedAssets.Sum(i => i.FoundAtCount ? 0m : i.OriginalValue), null, null);
        yield return new("资产负债", "减:累计折旧", fixedAssets.Count, null, fixedAssets.Sum(i => i.AccumulatedDepreciation), null, null);
        yield return Row("固定资产净值", fixedAssets);
        yield return Row("在建工程", assets.Where(i => i.Category == "constructionInProgress").ToList());
        yield return Row("其他资产", assets.Where(i => i.Category == "intangible").ToList());
        yield return Row("资产总计", assets);

        var liabilities = items.Where(i => i.Kind == ItemKind.Liability).ToList();
        yield return Row("负债合计", liabilities);
        var book = assets.Sum(i => i.BookValue) - liabilities.Sum(i => i.BookValue);
        var verified = assets.Sum(i => i.VerifiedValue) - liabilities.Sum(i => i.VerifiedValue);
        yield return new("资产负债", "净资产", assets.Count + liabilities.Count, null, book, verified, verified - book);
    }

    private static SummaryLine Row(string name, IReadOnlyList<Item> items)
    {
        var book = items.Sum(i => i.BookValue);
        var verified = items.Sum(i => i.VerifiedValue);
        return new SummaryLine("资产负债", name, items.Count, null, book, verified, verified - book);
    }
}
