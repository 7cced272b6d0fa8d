using Marten;

namespace Sanzi.Ledger.Units;

public static class Configuration
{
    public static void AddUnits(this StoreOptions options) =>
        options.Events.AddEventTypes([typeof(UnitRegistered), typeof(UnitJoinedReform), typeof(UnitFrozen)]);
}
