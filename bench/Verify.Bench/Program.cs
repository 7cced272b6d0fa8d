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
    ? await EmbeddedPostgres.StartAsync(Path.Combine(folder, "pg"), throwaway: true)
    : null;
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Ledger") ?? postgres!.ConnectionString("ledger");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Integrity:Folder"] = folder, ["Integrity:SealInterval"] = "01:00:00" });
builder.Services.AddLedgerStore(connectionString, new Sanzi.Ledger.Leads.LeadThresholds());
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

var raw = await Baseline.ReadEventsAndHashesAsync(store);
var rawDocuments = await Baseline.ReadDocumentsAsync(store);

var clock = Stopwatch.StartNew();
TimeSpan? eventsDone = null;
Summary? summary = null;
await foreach (var finding in chain.VerifyAsync())
{
    if (finding is Progress { Phase: "events" } p && p.Done == events) eventsDone = clock.Elapsed;
    if (finding is Summary s) summary = s;
}
var total = clock.Elapsed;
if (summary is not { Ok: true }) throw new InvalidOperationException("verify found problems in a clean log");

Console.WriteLine($"{"",-58}{"seconds",10}{"events/s",14}");
Row("raw PostgreSQL: read every event and hash row", raw, events);
Row("verify: seals, every event rehashed and its mark checked", eventsDone!.Value, events);
Row("raw PostgreSQL: read every item document", rawDocuments, summary.DocumentsChecked);
Row("verify: documents replayed from their events", total - eventsDone.Value, events);
Row("verify, all of it", total, events);
Console.WriteLine();
Console.WriteLine($"documents replayed: {summary.DocumentsChecked:N0}");
await host.StopAsync();
Directory.Delete(folder, recursive: true);
return;

static void Row(string what, TimeSpan time, long count) =>
    Console.WriteLine($"  {what,-56}{time.TotalSeconds,10:N2}{count / time.TotalSeconds,14:N0}");
