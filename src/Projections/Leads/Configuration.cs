using JasperFx.Events.Projections;
using Marten;
using Sanzi.Projections.Leads;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

public static class Configuration
{
    /// <summary>The audit rows and the leads, both written by the asynchronous inspection projection.</summary>
    public static void AddInspection(this StoreOptions options, LeadThresholds thresholds)
    {
        options.AddAuditTrail();
        options.Schema.For<Lead>().Index(x => x.UnitCode).Index(x => x.ReformId!).Index(x => x.Rule);
        options.Schema.For<InspectionMark>();
        options.Projections.Add(new InspectionProjection(thresholds), ProjectionLifecycle.Async, InspectionProjection.Name,
            o => o.BatchSize = thresholds.BatchSize);
    }
}
