using Marten.Events.Aggregation;
using Sanzi.Ledger.Assets;

namespace Sanzi.Projections.Assets;

/// <summary>Projects each asset stream into its catalog row, inline with the write that changed it.</summary>
public partial class AssetCatalogProjection : SingleStreamProjection<AssetCatalogEntry, Guid>
{
    public static AssetCatalogEntry Create(AssetRegistered e) =>
        new(e.AssetId, e.UnitCode, e.ItemCode, e.Category, AssetCategories.ChineseNames[e.Category], e.Name, e.Specification,
            e.Quantity, e.MeasureUnit, e.BookValue, e.AcquiredOn, e.Location, AssetStatus.InUse, e.Stamp.BusinessDate,
            DisposedOn: null);

    public static AssetCatalogEntry Apply(AssetDisposed e, AssetCatalogEntry entry) =>
        entry with { Status = AssetStatus.Disposed, DisposedOn = e.Stamp.BusinessDate };
}
