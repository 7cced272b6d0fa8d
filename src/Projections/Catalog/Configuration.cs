using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Projections.Catalog;

public static class Configuration
{
    public static void AddCatalog(this StoreOptions options)
    {
        options.Projections.Snapshot<CatalogRow>(SnapshotLifecycle.Inline);
        // Reports find a unit's rows by containment on Units; a GIN index over that member answers it without a scan.
        options.Schema.For<CatalogRow>().GinIndexJsonDataMember(x => x.Units);
    }
}
