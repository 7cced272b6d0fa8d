using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Ledger.Counterparties;

public static class Configuration
{
    public static void AddCounterparties(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(CounterpartyRegistered)]);
        options.Projections.Snapshot<Counterparty>(SnapshotLifecycle.Inline);
    }
}
