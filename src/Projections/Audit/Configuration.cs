using Marten;

namespace Sanzi.Projections.Audit;

public static class Configuration
{
    /// <summary>The audit rows, with a column and an index for each filter of <c>GET /api/audit</c>; paging runs on the primary key.</summary>
    public static void AddAuditTrail(this StoreOptions options) =>
        options.Schema.For<AuditEntry>()
            .Duplicate(x => x.UnitCode!)
            .Duplicate(x => x.Actor)
            .Duplicate(x => x.Type)
            .Duplicate(x => x.Amount!)
            .Duplicate(x => x.RecordedAt)
            .Duplicate(x => x.Counterparty!)
            .Duplicate(x => x.CorrelationId!);
}
