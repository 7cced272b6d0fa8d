using Marten;

namespace Sanzi.Ledger.Inventory;

public static class Configuration
{
    public static void AddInventory(this StoreOptions options) =>
        options.Events.AddEventTypes([typeof(ItemCounted), typeof(InventoryClosed)]);
}
