using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Projections.Assets;

public static class Configuration
{
    public static void AddAssetReadModels(this StoreOptions options)
    {
        options.Projections.Add<AssetCatalogProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<AssetCatalogEntry>().Index(x => x.UnitCode);
    }
}
