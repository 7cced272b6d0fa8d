using System.Diagnostics;
using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sanzi.Api.Hosting;
using Sanzi.Bench.Writes;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Imports;

namespace Sanzi.Bench.County;

/// <summary>
/// The issue's whole table in one run, every figure beside the baseline measured in the same process on the same
/// throwaway PostgreSQL, its ratio and its target:
/// dotnet run -c Release --project bench/County.Bench -- [villages=300] [itemsPerVillage=1000] [bigUnit=10000] [runs=20] [commands=2000] [verifyEvents=1000000]
/// Small, for a first try: -- 12 200 2000 10 200 100000
/// </summary>
public static class CountyBench
{
    public static async Task<int> Main(string[] args)
    {
        // `-- import villages itemsPerVillage`: the import rows only, a focused run of the write path.
        var importOnly = args is ["import", ..];
        if (importOnly) args = args[1..];
        // `-- reads villages itemsPerVillage bigUnit runs`: the import, then the read rows only, a focused run of the read path.
        var readsOnly = args is ["reads", ..];
        if (readsOnly) args = args[1..];
        var villages = args.Length > 0 ? int.Parse(args[0]) : 300;
        var perVillage = args.Length > 1 ? int.Parse(args[1]) : 1_000;
        var bigItems = args.Length > 2 ? int.Parse(args[2]) : 10_000;
        var runs = args.Length > 3 ? int.Parse(args[3]) : 20;
        var commands = args.Length > 4 ? int.Parse(args[4]) : 2_000;
        var verifyEvents = args.Length > 5 ? int.Parse(args[5]) : 1_000_000;

        await using var postgres = await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"sanzi-county-{Guid.NewGuid():N}"), throwaway: true);
        var connection = postgres.ConnectionString("ledger");
        Environment.SetEnvironmentVariable("ConnectionStrings__Ledger", connection);
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        // The seal file and signing key belong with the throwaway database: a seal file left by an earlier run names seals this database never had.
        using var integrity = new ScratchFolder(Path.Combine(Path.GetTempPath(), $"sanzi-county-integrity-{Guid.NewGuid():N}"));
        Environment.SetEnvironmentVariable("Integrity__Folder", integrity.Path);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SANZI_API", AppContext.BaseDirectory);
        JasperFxEnvironment.AutoStartHost = true;
        await using var host = await AlbaHost.For<Program>();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var importer = host.Services.GetRequiredService<Importer>();
        var http = host.Server.CreateClient();
        // Reports and reconciliation are read as the county's finance auditor.
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            host.Services.GetRequiredService<Sanzi.Api.Identity.TokenIssuer>()
                .Issue("县财政局-基准", Sanzi.Api.Identity.Roles.FinanceAuditor, ["3607"], Duration.FromHours(2)));
        var figures = new Figures(http, connection, runs);

        var generator = new CountyGenerator(seed: 20261130);
        var (county, mergers) = generator.Generate(villages, perVillage);
        var big = generator.Village("360702199", "基准大村", bigItems);
        var now = SystemClock.Instance.GetCurrentInstant();
        var reforms = await CountyBooks.RegisterAsync(store, county, mergers, [big.Code, "360702198", "360702197"], CountyBooks.Stamp(now));
        var actor = new Actor("县农经站-基准", "reform-office");
        Console.WriteLine($"County: {county.Count} villages in 30 townships, {county.Sum(v => v.Items):N0} items, {mergers.Count} reforms merging {mergers.Sum(m => m.Villages.Count)} villages; big unit {big.Items:N0} items");

        // 1. The county's registers through the import path (parse the CSV, check every row, decide, write), ten villages'
        // registers per call, as a township's files come.
        var cpu = await CpuClock.OfServerAsync(connection);
        var cpuBefore = cpu.Now();
        var (allocatedBefore, collectionsBefore) = (GC.GetTotalAllocatedBytes(), Collections());
        var watch = Stopwatch.StartNew();
        var imported = 0;
        var (firstCall, cpuAfterFirst) = (0, cpuBefore);
        foreach (var township in county.Append(big).Chunk(10))
        {
            imported += (await ImportMany(township.SelectMany(u => u.Registers.Select(r => (u.Code, r.Table, r.Csv))).ToList())).Sum(r => r.Written);
            // The first call also generates and compiles Marten's code for the documents it writes: its CPU is set apart below.
            if (firstCall == 0) (firstCall, cpuAfterFirst) = (imported, cpu.Now());
        }
        var importTime = watch.Elapsed;
        var cpuAfter = cpu.Now();
        // The async daemon folds the imported events after them too: the CPU until it has caught up is the import's whole cost.
        await ReadFigures.CaughtUpAsync(store);
        var (cpuCaughtUp, caughtUp) = (cpu.Now(), watch.Elapsed);
        var (allocated, collections) = (GC.GetTotalAllocatedBytes() - allocatedBefore, Collections().Zip(collectionsBefore, (a, b) => a - b).ToArray());
        var sample = county[^1];
        watch.Restart();
        await ImportMany(sample.Registers.Select(r => (sample.Code, r.Table, r.Csv)).ToList());
        var reimport = watch.Elapsed;

        // 2. The same kind of events by raw binary COPY into a plain table, and by Marten's bulk append alone.
        var baseline = await Baselines.RunAsync(store, connection, big, CountyBooks.Stamp(now));
        if (importOnly)
        {
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"figure",-62}{"measured",14}{"baseline",14}{"ratio",9}  {"target",-12}baseline is");
            ImportRows();
            await ReadFigures.CaughtUpAsync(store);
            Console.WriteLine($"events the async daemon's audit trail lacks once caught up (none, if no imported event was skipped): {await AuditLacksAsync()}");
            await host.StopAsync();
            return 0;
        }

        // The reforms counted and handed over, so that the reconciliation is of a counted and handed-over county.
        watch.Restart();
        var countedItems = await new CountyHandovers(host.Services, http, "县财政局-基准").RunAsync(reforms);
        var handoverTime = watch.Elapsed;
        var reformUnits = mergers.SelectMany(m => m.Villages.Select(v => v.Code).Append(m.NewCode)).ToList();

        // 3. xlsx against CSV: the big unit's asset register, read and imported into two fresh units.
        var assets = big.Registers[0];
        var xlsx = Baselines.ToXlsx(assets.Csv);
        var csvTime = await Time(() => Import("360702198", assets.Table, assets.Csv));
        var xlsxTime = await Time(() => Import("360702197", assets.Table, xlsx));

        // 4. Reports at the floor, on a village and on the big unit, beside plain SQL over the same rows; after the async
        // daemon has caught up with the import, so that it does not share the two cores with the first figures only.
        await ReadFigures.CaughtUpAsync(store);
        var groupBy = await figures.P95Sql(Figures.GroupBySql, big.Code);
        var summary = await figures.P95($"/api/units/{big.Code}/summary");
        var debts = await figures.P95($"/api/units/{big.Code}/debts");
        var keptRegister = await figures.P95Sql(ReadFigures.KeptRegisterSql, big.Code);
        var villageSummary = await figures.P95($"/api/units/{sample.Code}/summary");
        var plainRead = await figures.P95Sql(Figures.PlainReadSql, big.Code);
        var catalog = await figures.P95($"/api/units/{big.Code}/catalog");
        var catalogCsv = await figures.P95($"/api/units/{big.Code}/catalog?format=csv");
        var catalogXlsx = await figures.P95($"/api/units/{big.Code}/catalog?format=xlsx");
        var (reconciliation, reconciliationBaseline) = await ReconciliationFigures.RunAsync(figures, connection, reforms, reformUnits);
        var countyItems = county.Sum(v => v.Items) + big.Items;
        var readLoad = ReadFigures.LoadAverage();
        if (readsOnly)
        {
            Console.WriteLine($"{"figure",-62}{"measured",14}{"baseline",14}{"ratio",9}  {"target",-12}baseline is");
            ReadRows();
            await host.StopAsync();
            return 0;
        }

        // 5. The write path beside raw Marten: single commands, and the big unit's handover (third signature).
        var writes = new Sanzi.Bench.Writes.WriteBench(host.Services, host.Server.CreateClient());
        var (ledgerWrites, rawWrites) = await writes.RegisterAssets(commands);
        var (handover, rawHandover) = await writes.Handover(bigItems);

        // 6. Verify of the whole log, topped up to the size asked for.
        var verify = await VerifyFigures.RunAsync(store, host.Services.GetRequiredService<Sanzi.Integrity.IntegrityChain>(), verifyEvents);

        Console.WriteLine();
        Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores (figures taken under load are slower; the ratios hold better)");
        Console.WriteLine($"{"figure",-62}{"measured",14}{"baseline",14}{"ratio",9}  {"target",-12}baseline is");
        ImportRows();
        Row("import the big unit's assets: xlsx against CSV, ms", xlsxTime.TotalMilliseconds, csvTime.TotalMilliseconds, "", "the same rows as CSV");
        Row("record an asset, one request each, per second", Rate(ledgerWrites), Rate(rawWrites), "≥ 0.75×", "raw Marten StartStream, one transaction each");
        Row("record an asset, p95 ms", P95(ledgerWrites), P95(rawWrites), "", "raw Marten StartStream");
        Row($"handover of a {bigItems:N0}-item unit (third signature), ms", handover.TotalMilliseconds, rawHandover.TotalMilliseconds, "< 2,000 ms", "raw Marten appending the same events");
        ReadRows();
        Row($"verify of {verify.Events:N0} events, s", verify.VerifySeconds, verify.RawReadSeconds, "< 8 s at 1M", "raw read of every event and hash row");
        foreach (var problem in verify.Problems.Take(5)) Console.WriteLine($"  verify problem ({verify.Problems.Count} in all): {problem}");
        await host.StopAsync();
        return 0;

        async Task<ImportResult> Import(string code, TableSpec table, byte[] content) => (await ImportMany([(code, table, content)]))[0];

        async Task<IReadOnlyList<ImportResult>> ImportMany(IReadOnlyList<(string Code, TableSpec Table, byte[] Content)> files)
        {
            var requests = files.Select(f =>
            {
                var file = Sanzi.Api.Imports.ImportFile.Read(f.Content);
                return new ImportRequest(f.Code, file.Table(Sanzi.Ledger.Common.ApiNames.Name(f.Table.Table)), file.Rows);
            }).ToList();
            var results = await importer.ImportAsync(requests, actor, null, null, CancellationToken.None);
            if (results.FirstOrDefault(r => r.Problems.Count > 0) is { } bad) throw new InvalidOperationException($"{bad.UnitCode} {bad.Table}: {bad.Problems[0]}");
            return results;
        }

        void ReadRows()
        {
            Console.WriteLine($"(the read rows were taken at load average {readLoad})");
            Row($"summary p95, {big.Items:N0}-item unit, ms", summary, groupBy, "< 20 ms", "GROUP BY over the unit's plain rows");
            Row($"summary p95, {sample.Items:N0}-item village, ms", villageSummary, groupBy, "< 20 ms", "GROUP BY over the big unit's plain rows");
            Row($"debt register p95, {big.Items:N0}-item unit, ms", debts, groupBy, "< 20 ms", "GROUP BY over the unit's plain rows");
            Row($"debt register p95, {big.Items:N0}-item unit, ms", debts, keptRegister, "", "its kept lines read by plain SQL, in order");
            Row("catalog JSON p95, ms", catalog, plainRead, "≤ 1.5×", "plain SQL read of the same rows");
            Row("catalog CSV p95, ms", catalogCsv, plainRead, "≤ 1.5×", "plain SQL read of the same rows");
            Row("catalog xlsx p95, ms", catalogXlsx, catalogCsv, "≤ 2×", "the CSV of the same catalog");
            Row($"count and handover of {reforms.Count} reforms' villages ({countedItems:N0} items), s", handoverTime.TotalSeconds, null, "", "");
            Row($"reconciliation of the county ({reforms.Count} reforms, {countyItems:N0} items, counted and handed over), ms", reconciliation, reconciliationBaseline,
                "< 1,000 ms", "GROUP BY over the reforms' counted rows");
        }

        void ImportRows()
        {
            Row("import, events/s (county, CSV, whole path)", imported / importTime.TotalSeconds, baseline.CopyRowsPerSecond, "≥ 50,000/s", "raw binary COPY of event-sized rows, rows/s");
            Row("import, events/s", imported / importTime.TotalSeconds, baseline.MartenBulkPerSecond, "", "Marten bulk append of the same events alone");
            Row("import, events/s", imported / importTime.TotalSeconds, baseline.FloorItemsPerSecond, "", "floor: the same rows COPYed into copies of its tables");
            Console.WriteLine($"{"",-8}the floor's time by table: {string.Join(", ", baseline.FloorByTable.Select(t => $"{t.Key} {t.Value:N2} s"))}");
            Console.WriteLine($"{"",-8}raw COPY of the same rows serialized beforehand, rows/s (per second of the server's CPU): into jsonb {baseline.Jsonb.RowsPerSecond:N0} " +
                              $"({baseline.Jsonb.RowsPerServerCpuSecond:N0}), into text {baseline.Text.RowsPerSecond:N0} ({baseline.Text.RowsPerServerCpuSecond:N0})");
            Console.WriteLine($"{"",-8}the import's CPU, ms per 1,000 events: this process {(cpuAfter.Client - cpuBefore.Client) * 1e6 / imported:N0} " +
                              $"(the async daemon's share included), the database server {(cpuAfter.Server - cpuBefore.Server) * 1e6 / imported:N0}; " +
                              $"after the first call ({firstCall:N0} events): {(cpuAfter.Client - cpuAfterFirst.Client) * 1e6 / (imported - firstCall):N0} and " +
                              $"{(cpuAfter.Server - cpuAfterFirst.Server) * 1e6 / (imported - firstCall):N0}");
            Console.WriteLine($"{"",-8}with the async daemon's catch-up ({(caughtUp - importTime).TotalSeconds:N1} s after the last batch): this process " +
                              $"{(cpuCaughtUp.Client - cpuBefore.Client) * 1e6 / imported:N0}, the database server {(cpuCaughtUp.Server - cpuBefore.Server) * 1e6 / imported:N0}");
            Console.WriteLine($"{"",-8}allocated in this process until caught up, KB per event: {allocated / 1024.0 / imported:N1}; collections of generation 0/1/2: {string.Join("/", collections)}");
            Row("re-import of a village (nothing new), ms", reimport.TotalMilliseconds, null, "", "");
        }

        async Task<long> AuditLacksAsync()
        {
            await using var conn = new Npgsql.NpgsqlConnection(connection);
            await conn.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "select count(*) from ledger.mt_events e where not exists (select 1 from ledger.mt_doc_auditentry a where a.id = e.seq_id)", conn);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

        static async Task<TimeSpan> Time(Func<Task> run)
        {
            var watch = Stopwatch.StartNew();
            await run();
            return watch.Elapsed;
        }

        static void Row(string name, double measured, double? baseline, string target, string what) =>
            Console.WriteLine($"{name,-62}{measured,14:N1}{(baseline is { } b ? b.ToString("N1") : "—"),14}{(baseline is { } c && c > 0 ? (measured / c).ToString("0.00") + "×" : ""),9}  {target,-12}{what}");

        static double Rate(IReadOnlyList<TimeSpan> times) => times.Count / times.Sum(t => t.TotalSeconds);

        static double P95(IReadOnlyList<TimeSpan> times) => times.Order().ElementAt((int)Math.Min(times.Count - 1, Math.Ceiling(0.95 * times.Count) - 1)).TotalMilliseconds;
    }
}
