using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;

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

        var codes = reform.Predecessors.Select(p => p.Code).Concat(reform.Successors.Select(s => s.Code)).ToList();
        if (time.IsNow && await KeptReconciliation.LoadAsync(session, reform, book, ct) is { } kept) return kept;
        // The books each unit's lines belong to: kept by the totals now, so that now only the rows with a figure need reading.
        var held = time.IsNow ? await UnitTotals.BooksAsync(session, codes, ct) : null;
        var records = held is not null ? await NowAsync(session, codes, held, book, ct) : await AtAsync(session, codes, time, book, ct);
        var oldUnits = reform.Predecessors.Select(p => records[p.Code]).ToList();
        var newUnits = reform.Successors.Select(s => records[s.Code]).ToList();
        var books = oldUnits.Concat(newUnits).Where(u => held?.ContainsKey(u.Unit.Code) ?? u.Lines.Count > 0).Select(u => u.Book).Distinct().ToList();
        return ReconciliationReport.Build(reform, oldUnits, newUnits, time, OneBook(books, book, oldUnits[0].Book));
    }

    /// <summary>The one book a reconciliation covers: the one asked for, else the units' only one.</summary>
    public static Ownership OneBook(IReadOnlyList<Ownership> books, Ownership? asked, Ownership first) =>
        books.Count > 1
            ? throw Refused.Invalid("book", "is required: the reform's units keep both collective (集体资产) and state (国有资产) books, and a reconciliation covers one")
            : asked ?? books.FirstOrDefault(first);

    /// <summary>Now: only the rows counted or handed over, for all the reform's units in one query.</summary>
    private static async Task<Dictionary<string, UnitRecords>> NowAsync(IQuerySession session, IReadOnlyList<string> codes,
        IReadOnlyDictionary<string, IReadOnlyList<Ownership>> held, Ownership? book, CancellationToken ct)
    {
        var rows = await CatalogRows.CountedOrHandedOverAsync(session, codes, ct);
        var records = new Dictionary<string, UnitRecords>();
        foreach (var code in codes)
            records[code] = await UnitRecords.OfRowsAsync(session, await session.UnitAsync(code, ct), code,
                rows.Where(r => r.Units.Contains(code)).ToList(), held.GetValueOrDefault(code, []), ReportTime.Now, ct, book);
        return records;
    }

    /// <summary>At another time, each unit's records as they stood, replayed.</summary>
    private static async Task<Dictionary<string, UnitRecords>> AtAsync(IQuerySession session, IReadOnlyList<string> codes, ReportTime time,
        Ownership? book, CancellationToken ct)
    {
        var records = new Dictionary<string, UnitRecords>();
        foreach (var code in codes) records[code] = await UnitRecords.LoadAsync(session, code, time, ct, book);
        return records;
    }
}
