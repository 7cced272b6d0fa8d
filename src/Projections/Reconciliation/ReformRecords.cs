using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Reconciliation;

public static class ReformRecords
{
    /// <summary>The reform and the records of all its units, now or at another time, and their reconciliation.</summary>
    public static async Task<ReconciliationReport> ReconcileAsync(IQuerySession session, Guid reformId, ReportTime time, CancellationToken ct)
    {
        var reform = time.IsNow
            ? await session.LoadAsync<Reform>(reformId, ct)
            : (await Replay.AtAsync<Reform>(session, [reformId], time, ct)).SingleOrDefault();
        if (reform is null) throw Refused.NotFound($"Reform {reformId} is not in the ledger{(time.IsNow ? "" : $" {time}")}.");

        var oldUnits = new List<UnitRecords>();
        foreach (var p in reform.Predecessors) oldUnits.Add(await UnitRecords.LoadAsync(session, p.Code, time, ct));
        var newUnits = new List<UnitRecords>();
        foreach (var s in reform.Successors) newUnits.Add(await UnitRecords.LoadAsync(session, s.Code, time, ct));
        return ReconciliationReport.Build(reform, oldUnits, newUnits, time);
    }
}
