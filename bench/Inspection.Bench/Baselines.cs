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

/// <summary>
/// What one reform held by the inspection projection costs in memory (its events and the rules' index of them), and
/// the leads of judging it whole, to hold the stored leads against.
/// </summary>
public static class HeldScope
{
    public static async Task<(double Megabytes, IReadOnlyList<Lead> Whole)> MeasureAsync(IQuerySession session, ScopeLoader.Judged judged,
        LeadThresholds thresholds, long upTo)
    {
        // A first copy warms what loading leaves behind (caches, pools), so the second's growth is the scope alone.
        var (first, _) = await HoldAsync(session, judged, thresholds, upTo);
        var before = LiveBytes();
        var (scope, index) = await HoldAsync(session, judged, thresholds, upTo);
        var after = LiveBytes();
        GC.KeepAlive(first);
        GC.KeepAlive(scope);
        return ((after - before) / 1_048_576d, index.Current);
    }

    private static async Task<(LeadScope, RuleIndex)> HoldAsync(IQuerySession session, ScopeLoader.Judged judged, LeadThresholds thresholds, long upTo)
    {
        var scope = await ScopeLoader.LoadAsync(session, judged, thresholds, upTo, [], CancellationToken.None);
        var index = new RuleIndex();
        index.Judge(scope);
        return (scope, index);
    }

    /// <summary>The bytes still reachable after a blocking, compacting collection of every generation.</summary>
    private static long LiveBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
