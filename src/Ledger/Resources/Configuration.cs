using Marten;

namespace Sanzi.Ledger.Resources;

public static class Configuration
{
    public static void AddResources(this StoreOptions options) =>
        options.Events.AddEventTypes([typeof(ResourceRegistered), typeof(ResourceContracted)]);
}
