using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;

namespace Sanzi.Ledger.Items;

public static class UnitItems
{
    /// <summary>Every item card the unit's books hold now, in item-code order.</summary>
    public static async Task<IReadOnlyList<Item>> ItemsOfUnitAsync(this IQuerySession session, string unitCode, CancellationToken ct) =>
        await session.Query<Item>().Where(x => x.UnitCode == unitCode).OrderBy(x => x.ItemCode).ToListAsync(ct);

    /// <summary>Book and verified totals per book, kind and category of the given items: the two books are never summed together.</summary>
    public static IReadOnlyList<CategoryTotal> Totals(IEnumerable<Item> items) =>
        items.GroupBy(i => (i.Ownership, i.Kind, i.Category))
            .OrderBy(g => g.Key.Ownership).ThenBy(g => g.Key.Kind).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => new CategoryTotal(g.Key.Kind, g.Key.Category, g.Count(), g.Sum(i => i.BookValue), g.Sum(i => i.VerifiedValue),
                g.Sum(i => i.Quantity), g.Key.Ownership))
            .ToList();
}
