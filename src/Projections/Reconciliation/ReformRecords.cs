using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Reconciliation;

public static class ReformRecords
{
    /// <summary>The reform and the records of all its units, now or as of an instant, and their reconciliation.</summary>
    public static async Task<ReconciliationReport> ReconcileAsync(IQuerySession session, Guid reformId, Instant? asOf, CancellationToken ct)
    {
        var reform = asOf is { } at
            ? await session.Events.AggregateStreamAsync<Reform>(reformId, timestamp: at.ToDateTimeOffset(), token: ct)
            : await session.LoadAsync<Reform>(reformId, ct);
        if (reform is null) throw Refused.NotFound($"Reform {reformId} is not in the ledger{(asOf is null ? "" : $" as of {asOf}")}.");

        var oldUnits = new List<UnitRecords>();
        foreach (var p in reform.Predecessors) oldUnits.Add(await UnitRecords.LoadAsync(session, p.Code, asOf, ct));
        var newUnits = new List<UnitRecords>();
        foreach (var s in reform.Successors) newUnits.Add(await UnitRecords.LoadAsync(session, s.Code, asOf, ct));
        return ReconciliationReport.Build(reform, oldUnits, newUnits, asOf);
    }
}
