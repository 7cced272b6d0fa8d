using Marten;

namespace Sanzi.Ledger.Reforms;

public static class Configuration
{
    public static void AddReforms(this StoreOptions options) =>
        options.Events.AddEventTypes([typeof(ReformDeclared), typeof(ReformFrozen)]);
}
