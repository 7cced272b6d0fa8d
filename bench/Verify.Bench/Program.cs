using System.Diagnostics;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sanzi.Api.Hosting;
using Sanzi.Bench.Verify;
using Sanzi.Integrity;
using Wolverine;

// Verify of a large log beside raw PostgreSQL reading the same rows, in one process, on one database:
//   dotnet run -c Release --project bench/Verify.Bench -- [events=1000000] [folder to keep the seeded log in] [verifications=1]
// With a folder, the database, key and seal file stay there, and a later run only tops the log up to the size asked for:
// seeding a million events through the writer takes far longer than verifying them. More than one verification times the
// later ones in the same process too: the first pays for compiling verify's code, as the ledger's first verify does.
var events = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var kept = args.Length > 1 ? Path.GetFullPath(args[1]) : null;
var verifications = args.Length > 2 ? int.Parse(args[2]) : 1;

var folder = kept ?? Path.Combine(Path.GetTempPath(), $"sanzi-verify-bench-{Guid.NewGuid():N}");
await using var postgres = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ConnectionStrings__Ledger"))
    ? await EmbeddedPostgres.StartAsync(folder + "-pg", throwaway: kept is null)
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
Measured.Server = await Sanzi.Bench.County.CpuClock.OfServerAsync(connectionString);

Console.WriteLine($"Sanzi Ledger verify, {Environment.ProcessorCount} cores");
var seeding = Stopwatch.StartNew();
var seeded = await Seed.TopUpAsync(store, events);
await chain.SealAsync();
events = (int)await Seed.CountAsync(store);
// The async projections (inspection, audit rows) fold the seeded events in the background; verify is timed after them.
await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));
Console.WriteLine($"seeded {seeded:N0} events ({seeded / Seed.EventsPerItem:N0} items, hashed by the writer, sealed) in {seeding.Elapsed.TotalSeconds:N0} s");
Console.WriteLine();

var loadBefore = LoadAverage();
var raw = await Measured.RunAsync(() => Baseline.ReadEventsAndHashesAsync(store));
var rawDocuments = await Measured.RunAsync(() => Baseline.ReadDocumentsAsync(store));

var runs = new List<(Measured FirstLine, Measured Events, Measured All, Summary Summary)>();
for (var run = 0; run < verifications; run++)
{
    // Said as it starts, so a profiler can be attached to one verification (e.g. the second, past the JIT's recompiles).
    Console.WriteLine($"verification {run + 1} of {verifications} starts");
    runs.Add(await VerifyAsync(chain, events));
}

// Wall time depends on what else the machine runs; CPU time much less so: this process's, and the server's beside it
// (its postmaster and every backend; not measured for the events phase, whose end is read inside the run).
Console.WriteLine($"load average before: {loadBefore}, after: {LoadAverage()}");
Console.WriteLine($"{"",-66}{"wall s",10}{"rows/s",12}{"cpu s",10}{"server cpu s",14}");
Row("raw PostgreSQL: read every event and hash row", raw, events);
Row("raw PostgreSQL: read every item document", rawDocuments, runs[0].Summary.DocumentsChecked);
foreach (var (run, (firstLine, eventsPhase, all, _)) in runs.Index())
{
    if (verifications > 1) Console.WriteLine($"verification {run + 1}{(run == 0 ? ", the process's first" : ", same process")}");
    Row("verify: every event rehashed, its mark checked, documents replayed", eventsPhase, events);
    Row("verify, all of it (seals, events, documents, stored files)", all, events);
    Console.WriteLine($"  {"verify / raw read of every event and hash row",-66}{all.Wall / raw.Wall,10:N2}×");
    Console.WriteLine($"  {"first line of the answer after, ms",-66}{firstLine.Wall.TotalMilliseconds,10:N0}");
}
Console.WriteLine($"documents replayed: {runs[0].Summary.DocumentsChecked:N0}");
await host.StopAsync();
if (kept is null) Directory.Delete(folder, recursive: true);
return;

// The events and the documents are checked in one pass; the stored files the events cite come after it.
static async Task<(Measured FirstLine, Measured Events, Measured All, Summary Summary)> VerifyAsync(IntegrityChain chain, long events)
{
    var start = Measured.Now();
    Measured? firstLine = null, eventsPhase = null;
    Summary? summary = null;
    await foreach (var finding in chain.VerifyAsync())
    {
        firstLine ??= Measured.Since(start, server: false);
        if (finding is Progress { Phase: "events" } p && p.Done == events) eventsPhase = Measured.Since(start, server: false);
        if (finding is Summary s) summary = s;
    }
    var all = Measured.Since(start);
    if (summary is not { Ok: true }) throw new InvalidOperationException("verify found problems in a clean log");
    return (firstLine!, eventsPhase!, all, summary);
}

static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static void Row(string what, Measured m, long count) =>
    Console.WriteLine($"  {what,-64}{m.Wall.TotalSeconds,10:N2}{count / m.Wall.TotalSeconds,12:N0}{m.Cpu.TotalSeconds,10:N2}{(m.ServerCpu > TimeSpan.Zero ? m.ServerCpu.TotalSeconds.ToString("N2") : ""),14}");
