using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Ledger.Leads;

public static class Configuration
{
    public static void AddLeadNotes(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(LeadAnnotated)]);
        options.Projections.Snapshot<LeadNotes>(SnapshotLifecycle.Inline);
    }
}
