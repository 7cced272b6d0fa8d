using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sanzi.Api.Hosting;
using Sanzi.Bench.Inspection;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Leads;
using Wolverine;

// The inspection projection at two sizes of one reform, beside a projection that only writes audit rows, in one
// process on one database: dotnet run -c Release --project bench/Inspection.Bench -- [sizes=10000,100000] [fresh=2000]
var sizes = (args.Length > 0 ? args[0] : "10000,100000").Split(',').Select(int.Parse).ToArray();
var fresh = args.Length > 1 ? int.Parse(args[1]) : 2_000;

var folder = Path.Combine(Path.GetTempPath(), $"sanzi-inspection-bench-{Guid.NewGuid():N}");
await using var postgres = await EmbeddedPostgres.StartAsync(folder + "-pg", throwaway: true);
var thresholds = new LeadThresholds
{
    Counterparties = [.. ReformActivity.Utilities.Select(u => new CounterpartyEntry(u, Sanzi.Ledger.Counterparties.CounterpartyKind.Utility))],
};
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Integrity:Folder"] = folder, ["Integrity:SealInterval"] = "01:00:00" });
builder.Services.AddLedgerStore(postgres.ConnectionString("ledger"), thresholds);
builder.UseWolverine(opts =>
{
    opts.Durability.Mode = DurabilityMode.Solo;
    opts.Discovery.DisableConventionalDiscovery();
});
using var host = builder.Build();
await host.StartAsync();
// The daemon is stopped: this process hands the batches to each projection itself, one projection at a time.
await host.Services.GetRequiredService<IProjectionCoordinator>().PauseAsync();
var store = host.Services.GetRequiredService<IDocumentStore>();
var projecting = new Projecting(store, thresholds.BatchSize);
var inspection = new InspectionProjection(thresholds);

Console.WriteLine($"Sanzi Ledger inspection projection, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine($"{fresh:N0} new events (commits of 10) into a reform of three villages that already holds N events, in batches of {thresholds.BatchSize}:");
Console.WriteLine($"{"N",10}{"inspection ev/s",18}{"audit rows only ev/s",22}{"ratio",8}{"reload each batch ev/s",25}{"catch-up of N ev/s",20}{"leads",7}{"= whole",9}{"held scope MB",15}");
var township = 360702300;
foreach (var size in sizes)
{
    var activity = new ReformActivity(store, (township++).ToString(), size);
    await activity.DeclareAsync();
    await activity.WriteAsync(size);
    var start = await projecting.HeadAsync();
    // Everything before (other sizes' reforms included) is judged first, so the scope is held as in a running ledger.
    var catchUp = await projecting.RunAsync(inspection, 0, start);
    await activity.WriteAsync(fresh);
    var end = await projecting.HeadAsync();
    var inspected = await projecting.RunAsync(inspection, start, end);
    var floor = await projecting.RunAsync(new AuditRowsOnly(), start, end);
    await using var session = store.QuerySession();
    var unit = await session.LoadAsync<Sanzi.Ledger.Units.UnitBook>(Sanzi.Ledger.Common.StreamIds.ForUnit(activity.Villages[0]));
    var judged = ScopeLoader.ForReform((await session.LoadAsync<Reform>(unit!.ReformId!.Value))!);
    var reload = await projecting.RunAsync(new ReloadEachBatch(thresholds, judged), start, end);
    double Rate(TimeSpan t, long n) => n / t.TotalSeconds;
    var prefix = activity.Villages[0][..9];
    var leads = await session.Query<Lead>().CountAsync(l => l.UnitCode.StartsWith(prefix));
    var count = end - start;
    var (held, whole) = await HeldScope.MeasureAsync(session, judged, thresholds, end);
    var codes = judged.Units.ToArray();
    var stored = (await session.Query<Lead>().Where(l => l.UnitCode.IsOneOf(codes) && l.Withdrawn == null).ToListAsync()).ToDictionary(l => l.Id);
    // The leads stored batch by batch are those of judging the whole reform at once.
    var same = stored.Count == whole.Count && whole.All(l => stored.TryGetValue(l.Id, out var s) && Lead.SameContent(s, l)) ? "yes" : "NO";
    Console.WriteLine($"{size,10:N0}{Rate(inspected, count),18:N0}{Rate(floor, count),22:N0}{Rate(inspected, count) / Rate(floor, count),8:P0}{Rate(reload, count),25:N0}{Rate(catchUp, start),20:N0}{leads,7}{same,9}{held,15:N0}");
}
await using (var session = store.QuerySession())
{
    var rules = (await session.Query<Lead>().Select(l => l.Rule).ToListAsync()).CountBy(r => r).OrderByDescending(r => r.Value);
    Console.WriteLine($"leads raised by the clean activity: {string.Join(", ", rules.Select(r => $"{r.Key} {r.Value}"))}");
}
await host.StopAsync();
Directory.Delete(folder, recursive: true);
