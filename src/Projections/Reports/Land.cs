using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Summary;

namespace Sanzi.Projections.Reports;

/// <summary>The land of one land type (GB/T 21010): parcels, area in 亩 and value, book against verified.</summary>
public sealed record LandLine(string LandType, string LandTypeName, int Parcels, decimal BookArea, decimal VerifiedArea, decimal BookValue,
    decimal VerifiedValue);

/// <summary>
/// Land (资源) is reconciled by area as well as by value: most parcels carry no book value, so a value total alone
/// would let a parcel's 亩 go missing unnoticed.
/// </summary>
public static class Land
{
    /// <summary>The area the count settled on (核实面积): the counted area if one was given, nothing for a parcel not found.</summary>
    public static decimal VerifiedArea(Item item) => item.Status == ItemStatus.Missing ? 0m : item.Count?.CountedQuantity ?? item.Quantity;

    public static IReadOnlyList<LandLine> ByType(IEnumerable<Item> items) => ByType(SummaryBucket.Fold(items));

    public static IReadOnlyList<LandLine> ByType(IEnumerable<SummaryBucket> buckets) =>
        buckets.Where(b => b.Kind == ItemKind.Resource)
            .GroupBy(b => (b.Category, b.CategoryName))
            .OrderBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => new LandLine(g.Key.Category, g.Key.CategoryName, g.Sum(b => b.Items), g.Sum(b => b.Quantity), g.Sum(b => b.VerifiedArea),
                g.Sum(b => b.BookValue), g.Sum(b => b.VerifiedValue)))
            .ToList();

    public static Table Table(IReadOnlyList<LandLine> land) =>
        new("资源性资产清查登记总表",
        [
            new("土地类型"), new("宗数", CellKind.Number), new("账面面积(亩)", CellKind.Number), new("核实面积(亩)", CellKind.Number),
            new("面积差额(亩)", CellKind.Number), new("账面数", CellKind.Money), new("核实数", CellKind.Money), new("差额", CellKind.Money),
        ],
        land.Select(l => new object?[]
        {
            l.LandTypeName, l.Parcels, l.BookArea, l.VerifiedArea, l.VerifiedArea - l.BookArea, l.BookValue, l.VerifiedValue, l.VerifiedValue - l.BookValue,
        }).ToList());
}
