using System.Diagnostics;
using Npgsql;

namespace Sanzi.Bench.County;

/// <summary>
/// The county's reconciliation (对账): every reform's report, one request after another, after a first pass that warms
/// the caches; beside it the baseline, a plain GROUP BY per unit and category over the catalog rows of the same units that
/// were counted or handed over (the rows a reconciliation folded before its sums were kept), in one query.
/// </summary>
public static class ReconciliationFigures
{
    private const string GroupBySql = """
        select u.code, c.data -> 'item' ->> 'category', count(*), sum((c.data ->> 'countedValue')::numeric)
        from ledger.mt_doc_catalogrow c cross join lateral jsonb_array_elements_text(c.data -> 'units') u(code)
        where u.code = any(@units) and (c.data ->> 'countedValue' is not null or jsonb_array_length(c.data -> 'transfers') > 0)
        group by 1, 2
        """;

    public static async Task<(double Milliseconds, double BaselineMilliseconds)> RunAsync(Figures figures, string connection, IReadOnlyList<Guid> reforms,
        IReadOnlyList<string> units)
    {
        var reconciliation = await Twice(async () =>
        {
            foreach (var reform in reforms) await figures.Get($"/api/reforms/{reform}/reconciliation");
        });
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        var baseline = await Twice(async () =>
        {
            await using var command = new NpgsqlCommand(GroupBySql, conn);
            command.Parameters.AddWithValue("units", units.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) reader.GetValue(0);
        });
        return (reconciliation, baseline);
    }

    /// <summary>The second of two runs, in milliseconds.</summary>
    private static async Task<double> Twice(Func<Task> run)
    {
        await run();
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalMilliseconds;
    }
}
