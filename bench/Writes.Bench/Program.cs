using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Sanzi.Api.Hosting;
using Sanzi.Bench.Writes;
using Sanzi.Ledger.Common;
using Wolverine;

// Write-path figures of the ledger beside raw Marten doing the same appends, in one process, on one database:
//   dotnet run -c Release --project bench/Writes.Bench -- [commands=2000] [handoverItems=10000]
var commands = args.Length > 0 ? int.Parse(args[0]) : 2_000;
var handoverItems = args.Length > 1 ? int.Parse(args[1]) : 10_000;

await using var postgres = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ConnectionStrings__Ledger"))
    ? await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"sanzi-bench-{Guid.NewGuid():N}"), throwaway: true)
    : null;
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Ledger") ?? postgres!.ConnectionString("ledger");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddLedgerStore(connectionString, new Sanzi.Projections.Leads.LeadThresholds());
builder.UseWolverine(opts => opts.Durability.Mode = DurabilityMode.Solo);
builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddSingleton<IActorContext>(new BenchActor());
builder.Services.AddScoped<CommandExecutor>();
using var host = builder.Build();
await host.StartAsync();

var bench = new WriteBench(host.Services);
Console.WriteLine($"Sanzi Ledger write path, {Environment.ProcessorCount} cores, PostgreSQL at {new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Host}");
Console.WriteLine();
Report("record an asset, one transaction each", commands,
    await bench.RegisterAssetsThroughLedger(commands), await bench.AppendAssetsWithRawMarten(commands));
Console.WriteLine();
var (ledger, raw) = await bench.Handover(handoverItems);
Console.WriteLine($"hand over a unit of {handoverItems:N0} items in one transaction (the third signature)");
Console.WriteLine($"  {"ledger (SignHandover)",-34}{ledger.TotalMilliseconds,10:N0} ms");
Console.WriteLine($"  {"raw Marten, same events appended",-34}{raw.TotalMilliseconds,10:N0} ms");
await host.StopAsync();
return;

static void Report(string what, int n, IReadOnlyList<TimeSpan> ledger, IReadOnlyList<TimeSpan> raw)
{
    Console.WriteLine($"{what}, {n:N0} times");
    Console.WriteLine($"  {"",-34}{"per second",12}{"p50 ms",10}{"p95 ms",10}{"p99 ms",10}");
    foreach (var (name, times) in new[] { ("ledger (CommandExecutor)", ledger), ("raw Marten StartStream", raw) })
    {
        var sorted = times.Order().ToList();
        double P(double q) => sorted[(int)Math.Min(sorted.Count - 1, q * sorted.Count)].TotalMilliseconds;
        Console.WriteLine($"  {name,-34}{n / times.Sum(t => t.TotalSeconds),12:N0}{P(0.5),10:N2}{P(0.95),10:N2}{P(0.99),10:N2}");
    }
}
