using Sanzi.Ledger.Common;

namespace Sanzi.Projections.Summary;

/// <summary>
/// The balance-sheet rows (资产负债表) of the national clear-account set, book against verified. Resources are
/// registered by area in their own table (资源性资产清查登记总表) and stay out of the totals.
/// </summary>
public static class BalanceSheet
{
    private static readonly string[] FixedAssets = ["building", "vehicle", "machinery", "officeEquipment"];

    private static readonly (string Row, Func<SummaryBucket, bool> Holds)[] AssetRows =
    [
        ("货币资金", b => b.Kind == ItemKind.Fund),
        ("应收款项", b => b.Kind == ItemKind.Claim),
        ("存货", b => b.Category == "currentAsset"),
        ("牲畜(禽)资产", b => b.Category == "livestock"),
        ("林木资产", b => b.Category == "timber"),
        ("长期投资", b => b.Category == "longTermInvestment"),
    ];

    public static IEnumerable<SummaryLine> Rows(IReadOnlyList<SummaryBucket> buckets)
    {
        var assets = buckets.Where(b => b.Kind is ItemKind.Fund or ItemKind.Claim or ItemKind.Asset).ToList();
        foreach (var (row, holds) in AssetRows) yield return Row(row, assets.Where(holds).ToList());

        var fixedAssets = assets.Where(b => b.Kind == ItemKind.Asset && FixedAssets.Contains(b.Category)).ToList();
        var count = fixedAssets.Sum(b => b.Items);
        yield return new("资产负债", "固定资产原价", count, null, fixedAssets.Sum(b => b.FoundAtCount ? 0m : b.OriginalValue), null, null);
        yield return new("资产负债", "减:累计折旧", count, null, fixedAssets.Sum(b => b.AccumulatedDepreciation), null, null);
        yield return Row("固定资产净值", fixedAssets);
        yield return Row("在建工程", assets.Where(b => b.Category == "constructionInProgress").ToList());
        yield return Row("其他资产", assets.Where(b => b.Category == "intangible").ToList());
        yield return Row("资产总计", assets);

        var liabilities = buckets.Where(b => b.Kind == ItemKind.Liability).ToList();
        yield return Row("负债合计", liabilities);
        var book = assets.Sum(b => b.BookValue) - liabilities.Sum(b => b.BookValue);
        var verified = assets.Sum(b => b.VerifiedValue) - liabilities.Sum(b => b.VerifiedValue);
        yield return new("资产负债", "净资产", assets.Sum(b => b.Items) + liabilities.Sum(b => b.Items), null, book, verified, verified - book);
    }

    private static SummaryLine Row(string name, IReadOnlyList<SummaryBucket> buckets)
    {
        var book = buckets.Sum(b => b.BookValue);
        var verified = buckets.Sum(b => b.VerifiedValue);
        return new SummaryLine("资产负债", name, buckets.Sum(b => b.Items), null, book, verified, verified - book);
    }
}
