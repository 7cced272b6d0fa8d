using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Reconciliation;

public static class ReformRecords
{
    /// <summary>
    /// The reform and the records of all its units in one book, now or at another time, and their reconciliation. Without
    /// a book named, every unit must keep the same single book.
    /// </summary>
    public static async Task<ReconciliationReport> ReconcileAsync(IQuerySession session, Guid reformId, ReportTime time, CancellationToken ct,
        Ownership? book = null)
    {
        var reform = time.IsNow
            ? await session.LoadAsync<Reform>(reformId, ct)
            : (await Replay.AtAsync<Reform>(session, [reformId], time, ct)).SingleOrDefault();
        if (reform is null) throw Refused.NotFound($"Reform {reformId} is not in the ledger{(time.IsNow ? "" : $" {time}")}.");

        var oldUnits = new List<UnitRecords>();
        foreach (var p in reform.Predecessors) oldUnits.Add(await UnitRecords.LoadAsync(session, p.Code, time, ct, book));
        var newUnits = new List<UnitRecords>();
        foreach (var s in reform.Successors) newUnits.Add(await UnitRecords.LoadAsync(session, s.Code, time, ct, book));
        var books = oldUnits.Concat(newUnits).Where(u => u.Lines.Count > 0).Select(u => u.Book).Distinct().ToList();
        if (books.Count > 1)
            throw Refused.Invalid("book", "is required: the reform's units keep both collective (集体资产) and state (国有资产) books, and a reconciliation covers one");
        return ReconciliationReport.Build(reform, oldUnits, newUnits, time, book ?? books.FirstOrDefault(oldUnits[0].Book));
    }
}
