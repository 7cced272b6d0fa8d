using Marten;
using Npgsql;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;
using static Sanzi.Projections.Storage.StoredEnum;

namespace Sanzi.Projections.Reconciliation;

/// <summary>
/// A reform's reconciliation now, from the sums and differences the catalog projection keeps
/// (<see cref="ReconciliationTotals"/>): a few rows per unit and category, and the differing items, whatever the units'
/// size. The same report as folding the rows (<see cref="ReconciliationReport.Build"/>), decimals' scales included.
/// </summary>
public static class KeptReconciliation
{
    private sealed record Total(string Unit, string Side, string From, Ownership Book, ItemKind Kind, string Category, string CategoryName,
        int[] Scales, long Items, long Inexact, decimal[] Sums);

    /// <summary>
    /// The report, or null when a unit goes by another code now or a received figure is not exact (see
    /// <see cref="ReconciliationFigure.Received"/>): the caller folds the rows. The units in one read, and the books they
    /// hold (chosen as the rows' records choose them), the sums and the differences in one round trip.
    /// </summary>
    public static async Task<ReconciliationReport?> LoadAsync(IQuerySession session, Reform reform, Ownership? book, CancellationToken ct)
    {
        var (oldCodes, newCodes) = (reform.Predecessors.Select(p => p.Code).ToList(), reform.Successors.Select(s => s.Code).ToList());
        List<string> codes = [.. oldCodes, .. newCodes];
        var loaded = (await session.LoadManyAsync<UnitBook>(ct, codes.Select(c => UnitLookups.StreamIdOf(c)))).ToDictionary(u => u.Code);
        if (codes.Any(c => !loaded.ContainsKey(c)))
        {
            foreach (var code in codes) await session.UnitAsync(code, ct); // refused as the rows' records refuse a unit not in the ledger
            return null;
        }

        var (held, totals, found) = await ReadAsync(session, codes, ct);
        if (totals.Any(t => t.Side == "received" && newCodes.Contains(t.Unit) && t.Inexact != 0)) return null;
        var books = codes.ToDictionary(c => c, c => BookOf.Choose(book, held.Where(h => h.Unit == c).Select(h => h.Book), c));
        var chosen = ReformRecords.OneBook(codes.Where(c => held.Any(h => h.Unit == c)).Select(c => books[c]).Distinct().ToList(), book, books[codes[0]]);

        bool Counts(string unit, string side, string from, Ownership inBook) => books[unit] == inBook &&
            (side == "handed" ? oldCodes.Contains(unit) : newCodes.Contains(unit) && oldCodes.Contains(from));
        var checks = totals.Where(t => Counts(t.Unit, t.Side, t.From, t.Book))
            .GroupBy(t => (t.Side, t.Unit, t.Kind, t.Category, t.CategoryName))
            .Select(g => (g.Key.Side, Check: CategoryCheck.Of(g.Key.Unit, loaded[g.Key.Unit].Name, g.Key.Kind, g.Key.Category,
                g.Key.CategoryName, Sum(g, 0), Sum(g, 1), Sum(g, 2), Sum(g, 3))))
            .ToList();
        var differences = found.Where(d => Counts(d.Unit, d.Side, d.From, d.Book))
            .OrderBy(d => d.Side == "handed" ? 0 : 1).ThenBy(d => d.Side == "handed" ? oldCodes.IndexOf(d.Unit) : newCodes.IndexOf(d.Unit))
            .ThenBy(d => d.Side == "handed" ? d.Figure.ItemCode : "", StringComparer.Ordinal).ThenBy(d => d.ItemId)
            .Select(d => new ItemDifference(d.Unit, d.ItemId, d.Figure.ItemCode!, d.Figure.Name!, d.CategoryName, d.Figure.Expected,
                d.Figure.Actual, d.Figure.Actual - d.Figure.Expected, d.Figure.ExpectedArea, d.Figure.ActualArea, d.Figure.Reason!))
            .ToList();
        return ReconciliationReport.Of(reform, ReportTime.Now, oldCodes.All(c => loaded[c].IsClosed),
            ReconciliationReport.Ordered(checks.Where(c => c.Side == "handed").Select(c => c.Check)),
            ReconciliationReport.Ordered(checks.Where(c => c.Side == "received").Select(c => c.Check)), differences, chosen);
    }

    /// <summary>
    /// A sum as folding the figures gives it: its value, at the largest scale among the figures still counted (a kept
    /// sum carries the scale of every figure it ever held).
    /// </summary>
    private static decimal Sum(IEnumerable<Total> totals, int figure)
    {
        var counted = totals.ToList();
        var value = counted.Sum(t => t.Sums[figure]) / 1.0000000000000000000000000000m;
        return value + new decimal(0, 0, 0, false, (byte)counted.Max(t => t.Scales[figure]));
    }

    private sealed record Difference(string Unit, string Side, Guid ItemId, string From, Ownership Book, string CategoryName, ReconciliationFigure Figure);

    /// <summary>The units' books (as <see cref="UnitTotals.BooksAsync"/> reads them), their sums and their differences, in one command.</summary>
    private static async Task<(List<(string Unit, Ownership Book)>, List<Total>, List<Difference>)> ReadAsync(IQuerySession session,
        IReadOnlyList<string> codes, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var command = new NpgsqlCommand(
            $"{UnitTotals.BooksSql(schema, "@codes")};" +
            "select unit_code, side, from_unit, book, kind, category, category_name, expected_scale, actual_scale, expected_area_scale, " +
            "actual_area_scale, items, inexact, expected, actual, expected_area, actual_area " +
            $"from {schema}.{ReconciliationTotals.TotalsTable} where unit_code = any(@codes) and items <> 0;" +
            $"select unit_code, side, item_id, from_unit, book, category_name, figure::text from {schema}.{ReconciliationTotals.DifferencesTable} " +
            "where unit_code = any(@codes)")
        {
            Parameters = { new("codes", codes.ToArray()) },
        };
        var (books, totals, differences) = (new List<(string, Ownership)>(), new List<Total>(), new List<Difference>());
        var serializer = session.DocumentStore.Options.Serializer();
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct)) books.Add((reader.GetString(0), Parse<Ownership>(reader.GetString(1))));
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            totals.Add(new Total(reader.GetString(0), reader.GetString(1), reader.GetString(2), Parse<Ownership>(reader.GetString(3)),
                Parse<ItemKind>(reader.GetString(4)), reader.GetString(5), reader.GetString(6), [.. Enumerable.Range(7, 4).Select(reader.GetInt32)],
                reader.GetInt64(11), reader.GetInt64(12), [.. Enumerable.Range(13, 4).Select(reader.GetDecimal)]));
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
            differences.Add(new Difference(reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3),
                Parse<Ownership>(reader.GetString(4)), reader.GetString(5),
                serializer.FromJson<ReconciliationFigure>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(reader.GetString(6))))));
        return (books, totals, differences);
    }

}
