using System.Diagnostics;
using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sanzi.Api.Hosting;
using Sanzi.Projections.Catalog;

namespace Sanzi.Bench;

/// <summary>
/// dotnet run -c Release --project bench/Reports.Bench [-- items runs]
/// Seeds one township with N items (default 10,000) on a throwaway embedded PostgreSQL, merges it through the API,
/// then times every report of the old and the new unit in-process (no network), beside a plain SQL read of the same rows.
/// </summary>
public static class ReportsBench
{
    public static async Task<int> Main(string[] args)
    {
        var items = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var runs = args.Length > 1 ? int.Parse(args[1]) : 7;

        await using var postgres = await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"sanzi-bench-{Guid.NewGuid():N}"), throwaway: true);
        var connection = postgres.ConnectionString("ledger");
        Environment.SetEnvironmentVariable("ConnectionStrings__Ledger", connection);
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        // The host's content root: WebApplicationFactory would otherwise guess a folder named after the API assembly.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SANZI_API", AppContext.BaseDirectory);
        JasperFxEnvironment.AutoStartHost = true;
        await using var host = await AlbaHost.For<Program>();
        var store = host.Services.GetRequiredService<IDocumentStore>();

        var clock = Stopwatch.StartNew();
        var seed = new Seed(host.Server.CreateClient(), store);
        await seed.RunAsync(items);
        Console.WriteLine($"seeding and merging took {clock.Elapsed.TotalSeconds:0.0} s");

        var http = host.Server.CreateClient();
        var asOf = NodaTime.Text.InstantPattern.ExtendedIso.Format(seed.FrozenAt);
        var cases = new List<(string Name, Func<Task<long>> Run)>();
        foreach (var (unit, label) in new[] { (seed.OldUnit, "old"), (seed.NewUnit, "new") })
        foreach (var report in new[] { "catalog", "summary", "debts", "handover" })
        {
            if (report == "handover" && label == "new") continue;
            foreach (var query in new[] { "", "?format=csv", "?format=xlsx" })
                cases.Add(($"{report} ({label}){query}", () => Get($"/api/units/{unit}/{report}{query}")));
        }

        cases.Add(("catalog (old)?asOf=freeze", () => Get($"/api/units/{seed.OldUnit}/catalog?asOf={asOf}")));
        cases.Add(("summary (old)?asOf=freeze", () => Get($"/api/units/{seed.OldUnit}/summary?asOf={asOf}")));
        cases.Add(("catalog (old)?knownAt=freeze", () => Get($"/api/units/{seed.OldUnit}/catalog?knownAt={asOf}")));
        cases.Add(("reconciliation", () => Get($"/api/reforms/{seed.ReformId}/reconciliation")));
        cases.Add(("reconciliation?format=xlsx", () => Get($"/api/reforms/{seed.ReformId}/reconciliation?format=xlsx")));
        cases.Add(("baseline: SQL catalog rows (old)", () => RawRows(seed.OldUnit)));
        cases.Add(("baseline: SQL catalog rows (new)", () => RawRows(seed.NewUnit)));
        cases.Add(("baseline: Marten CatalogRows.OfUnit (new)", async () =>
        {
            await using var session = store.QuerySession();
            return (await CatalogRows.OfUnitAsync(session, seed.NewUnit, CancellationToken.None)).Count;
        }));

        await Explain(seed.OldUnit);
        Console.WriteLine($"\n{items:N0} items, {runs} runs after one warm-up, in-process HTTP (Alba TestServer)\n");
        Console.WriteLine($"{"case",-44} {"median ms",10} {"min ms",8} {"max ms",8} {"size",10}");
        foreach (var (name, run) in cases)
        {
            var size = await run();
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await run();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"{name,-44} {times[times.Count / 2],10:0.0} {times[0],8:0.0} {times[^1],8:0.0} {size,10:N0}");
        }

        return 0;

        async Task<long> Get(string url)
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
            return body.Length;
        }

        async Task<long> RawRows(string unit)
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            await using var command = new NpgsqlCommand("select data::text from ledger.mt_doc_catalogrow " + CatalogRows.OfUnitFilter.Replace("?", "@units"), conn);
            command.Parameters.AddWithValue("units", $"[\"{unit}\"]");
            long bytes = 0;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) bytes += reader.GetString(0).Length;
            return bytes;
        }

        async Task Explain(string unit)
        {
            await using var conn = new NpgsqlConnection(connection);
            await conn.OpenAsync();
            var sql = "explain analyze select data from ledger.mt_doc_catalogrow " + CatalogRows.OfUnitFilter.Replace("?", "@units");
            Console.WriteLine($"\n{sql}");
            await using var command = new NpgsqlCommand(sql, conn);
            command.Parameters.AddWithValue("units", $"[\"{unit}\"]");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) Console.WriteLine("  " + reader.GetString(0));
        }
    }
}
