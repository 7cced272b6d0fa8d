using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Audit;
using Sanzi.Projections.Leads;

namespace Sanzi.Bench.Inspection;

/// <summary>The floor: a projection writing the audit row of each event and judging nothing.</summary>
public sealed class AuditRowsOnly : IProjection
{
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events.Where(e => e.Data is ILedgerEvent))
            operations.Store(AuditEntry.From(EventFact.Of(e), e.CorrelationId, null));
        return Task.CompletedTask;
    }
}

/// <summary>
/// How the inspection projection judged before it kept its scopes: each batch read the reform's whole history
/// from the log again and ran every rule over it (storing nothing here, so it is a lower bound of that design).
/// </summary>
public sealed class ReloadEachBatch(LeadThresholds thresholds, ScopeLoader.Judged judged) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var scope = await ScopeLoader.LoadAsync(operations, judged, thresholds, events.Max(e => e.Sequence), [], cancellation);
        LeadRules.Evaluate(scope);
    }
}
