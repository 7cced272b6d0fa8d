using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Ledger.Units;

public static class Configuration
{
    public static void AddUnits(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(UnitRegistered), typeof(UnitJoinedReform), typeof(UnitFrozen), typeof(DivisionCodeChanged)]);
        options.Projections.Snapshot<UnitBook>(SnapshotLifecycle.Inline);
        options.Schema.For<UnitBook>().Index(x => x.Code).Index(x => x.ReformId!);
        options.Projections.Add<DivisionCodeAliases>(ProjectionLifecycle.Inline);
    }
}
