using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Summary;

/// <summary>
/// Items that every summary line either takes whole or leaves out: same kind, category, surplus (盘盈) and shortage
/// (盘亏) flags, with their count and their sums. The summary, the balance sheet and the land table are sums over
/// buckets, so they come out the same whether the buckets were kept by the projection or folded from items now.
/// </summary>
public sealed record SummaryBucket(
    ItemKind Kind,
    string Category,
    string CategoryName,
    bool FoundAtCount,
    bool Missing,
    int Items,
    decimal Quantity,
    decimal VerifiedArea,
    decimal BookValue,
    decimal VerifiedValue,
    decimal OriginalValue,
    decimal AccumulatedDepreciation)
{
    public static SummaryBucket Of(Item item) =>
        new(item.Kind, item.Category, item.CategoryName, item.FoundAtCount, item.Status == ItemStatus.Missing, 1, item.Quantity, Land.VerifiedArea(item),
            item.BookValue, item.VerifiedValue, item.OriginalValue, item.AccumulatedDepreciation);

    /// <summary>
    /// The same sums without trailing zeros: a total kept by adding and taking away carries the scale of every value
    /// it ever held (10.25 − 10.25 + 10 is 10.00), so both paths write each figure in its shortest form.
    /// </summary>
    public SummaryBucket Normalized() => this with
    {
        Quantity = Shortest(Quantity),
        VerifiedArea = Shortest(VerifiedArea),
        BookValue = Shortest(BookValue),
        VerifiedValue = Shortest(VerifiedValue),
        OriginalValue = Shortest(OriginalValue),
        AccumulatedDepreciation = Shortest(AccumulatedDepreciation),
    };

    private static decimal Shortest(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>Items folded into their buckets, as the projection keeps them.</summary>
    public static IReadOnlyList<SummaryBucket> Fold(IEnumerable<Item> items) =>
        items.Select(Of)
            .GroupBy(b => (b.Kind, b.Category, b.CategoryName, b.FoundAtCount, b.Missing))
            .Select(g => g.Aggregate((a, b) => a with
            {
                Items = a.Items + b.Items,
                Quantity = a.Quantity + b.Quantity,
                VerifiedArea = a.VerifiedArea + b.VerifiedArea,
                BookValue = a.BookValue + b.BookValue,
                VerifiedValue = a.VerifiedValue + b.VerifiedValue,
                OriginalValue = a.OriginalValue + b.OriginalValue,
                AccumulatedDepreciation = a.AccumulatedDepreciation + b.AccumulatedDepreciation,
            }))
            .ToList();
}
