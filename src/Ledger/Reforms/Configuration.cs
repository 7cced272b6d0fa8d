using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Ledger.Reforms;

public static class Configuration
{
    public static void AddReforms(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(ReformDeclared), typeof(ResolutionRecorded), typeof(ExceptionApproved),
            typeof(ReformFrozen), typeof(ReformCompleted)]);
        options.Projections.Snapshot<Reform>(SnapshotLifecycle.Inline);
    }
}
