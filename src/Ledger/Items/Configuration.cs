using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Ledger.Items;

public static class Configuration
{
    public static void AddItems(this StoreOptions options)
    {
        options.Projections.Snapshot<Item>(SnapshotLifecycle.Inline);
        // One index entry per card, not two: every read of cards is a unit's, in item-code order (the unit's list, the
        // handover's read, an objection naming a code), which this one index answers without a sort; nothing looks a code
        // up across units. An import writes one entry fewer per item.
        options.Schema.For<Item>().Index([x => x.UnitCode, x => x.ItemCode]);
    }
}
