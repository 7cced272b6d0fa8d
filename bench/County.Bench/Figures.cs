using System.Diagnostics;
using Npgsql;

namespace Sanzi.Bench.County;

/// <summary>Times a report over in-process HTTP, or a query straight on PostgreSQL, and gives the 95th percentile after a warm-up.</summary>
public sealed class Figures(HttpClient http, string connection, int runs)
{
    /// <summary>The baseline of the summary: a GROUP BY of the unit's items in a plain table, flattened from the catalog once beforehand.</summary>
    public const string GroupBySql =
        "select kind, category, count(*), sum(value) from bench_lines where unit_code = @unit group by kind, category";

    public const string PlainReadSql = "select data::text from ledger.mt_doc_catalogrow where data -> 'units' @> @units::jsonb";

    public async Task<string> Get(string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>
    /// The 95th percentile of reading a report to its last byte, as a browser or a download does, each byte read once into
    /// one reused buffer: the SQL baselines read their rows the same way, and a string of a 6 MB answer built here would time
    /// this process's garbage collector (a large object per request, a full collection every few) rather than the ledger.
    /// </summary>
    public Task<double> P95(string url) => Percentile(() => Drain(url));

    private readonly byte[] _drain = new byte[64 * 1024];

    private async Task Drain(string url)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await using var body = await response.Content.ReadAsStreamAsync();
        while (await body.ReadAsync(_drain) > 0) { }
    }

    public async Task<double> P95Sql(string sql, string unit)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        if (sql == GroupBySql) await Flatten(conn);
        return await Percentile(async () =>
        {
            await using var command = new NpgsqlCommand(sql, conn);
            command.Parameters.AddWithValue("unit", unit);
            command.Parameters.AddWithValue("units", $"[\"{unit}\"]");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) reader.GetValue(0);
        });
    }

    private static async Task Flatten(NpgsqlConnection conn)
    {
        await using var command = new NpgsqlCommand("""
            drop table if exists bench_lines;
            create table bench_lines as select data -> 'item' ->> 'unitCode' as unit_code, data -> 'item' ->> 'kind' as kind,
              data -> 'item' ->> 'categoryName' as category, (data -> 'item' ->> 'value')::numeric as value from ledger.mt_doc_catalogrow;
            create index on bench_lines (unit_code);
            analyze bench_lines;
            """, conn);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<double> Percentile(Func<Task> run)
    {
        await run();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[(int)Math.Min(times.Count - 1, Math.Ceiling(0.95 * times.Count) - 1)];
    }
}
