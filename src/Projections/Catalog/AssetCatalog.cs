using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Projections.Catalog;

/// <summary>A unit's asset catalog (账册目录) as the API lists it: its assets, with the count and net value of those it still holds.</summary>
public sealed record AssetCatalog(string UnitCode, int Count, decimal TotalNetValue, IReadOnlyList<Item> Items)
{
    public static async Task<AssetCatalog> LoadAsync(IQuerySession session, string code, CancellationToken ct)
    {
        await session.UnitAsync(code, ct);
        var items = (await session.ItemsOfUnitAsync(code, ct)).Where(i => i.Kind == ItemKind.Asset).ToList();
        var held = items.Where(i => i.IsHeld).ToList();
        return new AssetCatalog(code, held.Count, held.Sum(x => x.Value), items);
    }
}
