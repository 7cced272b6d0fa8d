using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Ledger.Items;

public static class Configuration
{
    public static void AddItems(this StoreOptions options)
    {
        options.Projections.Snapshot<Item>(SnapshotLifecycle.Inline);
        options.Schema.For<Item>().Index(x => x.UnitCode).Index(x => x.ItemCode);
    }
}
