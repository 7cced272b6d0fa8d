using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sanzi.Api.Hosting;
using Sanzi.Bench.Verify;
using Sanzi.Integrity;
using Wolverine;

// Verify of a large log beside raw PostgreSQL reading the same rows, in one process, on one database:
//   dotnet run -c Release --project bench/Verify.Bench -- [events=1000000]
var events = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;

var folder = Path.Combine(Path.GetTempPath(), $"sanzi-verify-bench-{Guid.NewGuid():N}");
await using var postgres = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ConnectionStrings__Ledger"))
    ? await EmbeddedPostgres.StartAsync(folder + "-pg", throwaway: true)
    : null;
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Ledger") ?? postgres!.ConnectionString("ledger");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Integrity:Folder"] = folder, ["Integrity:SealInterval"] = "01:00:00" });
builder.Services.AddLedgerStore(connectionString, new Sanzi.Projections.Leads.LeadThresholds());
builder.UseWolverine(opts =>
{
    opts.Durability.Mode = DurabilityMode.Solo;
    opts.Discovery.DisableConventionalDiscovery();
});
using var host = builder.Build();
await host.StartAsync();
var store = host.Services.GetRequiredService<IDocumentStore>();
var chain = host.Services.GetRequiredService<IntegrityChain>();

Console.WriteLine($"Sanzi Ledger verify, {Environment.ProcessorCount} cores");
var seeding = Stopwatch.StartNew();
await Seed.ItemsAsync(store, events);
await chain.SealAsync();
Console.WriteLine($"seeded {events:N0} events ({events / Seed.EventsPerItem:N0} items, hashed by the writer, sealed) in {seeding.Elapsed.TotalSeconds:N0} s");
Console.WriteLine();

var raw = await Measured.RunAsync(() => Baseline.ReadEventsAndHashesAsync(store));
var rawDocuments = await Measured.RunAsync(() => Baseline.ReadDocumentsAsync(store));

// The verify run is split where the events phase reports its last progress line.
var start = Measured.Now();
Measured? eventsPhase = null;
Summary? summary = null;
await foreach (var finding in chain.VerifyAsync())
{
    if (finding is Progress { Phase: "events" } p && p.Done == events) eventsPhase = Measured.Since(start);
    if (finding is Summary s) summary = s;
}
var all = Measured.Since(start);
if (summary is not { Ok: true }) throw new InvalidOperationException("verify found problems in a clean log");

// Wall time depends on what else the machine runs; this process's CPU time much less so.
Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine($"{"",-58}{"wall s",10}{"rows/s",12}{"cpu s",10}");
Row("raw PostgreSQL: read every event and hash row", raw, events);
Row("verify: seals, every event rehashed and its mark checked", eventsPhase!, events);
Row("raw PostgreSQL: read every item document", rawDocuments, summary.DocumentsChecked);
Row("verify: documents replayed from their events", all - eventsPhase!, summary.DocumentsChecked);
Row("verify, all of it", all, events);
Console.WriteLine();
Console.WriteLine($"documents replayed: {summary.DocumentsChecked:N0}");
await host.StopAsync();
Directory.Delete(folder, recursive: true);
return;

static void Row(string what, Measured m, long count) =>
    Console.WriteLine($"  {what,-56}{m.Wall.TotalSeconds,10:N2}{count / m.Wall.TotalSeconds,12:N0}{m.Cpu.TotalSeconds,10:N2}");
