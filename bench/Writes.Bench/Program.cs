using Alba;
using JasperFx.CommandLine;
using Sanzi.Api.Hosting;

namespace Sanzi.Bench.Writes;

/// <summary>
/// Write-path figures of the ledger beside raw Marten doing the same appends, in one process, on one database:
/// <c>dotnet run -c Release --project bench/Writes.Bench -- [commands=2000] [handoverItems=10000]</c> (0 leaves either out). The ledger's
/// figures go through the whole command pipeline, in-process HTTP included (Alba's TestServer, no network).
/// </summary>
public static class WritesBench
{
    public static async Task Main(string[] args)
    {
        var commands = args.Length > 0 ? int.Parse(args[0]) : 2_000;
        var handoverItems = args.Length > 1 ? int.Parse(args[1]) : 10_000;

        await using var postgres = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ConnectionStrings__Ledger"))
            ? await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"sanzi-bench-{Guid.NewGuid():N}"), throwaway: true)
            : null;
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Ledger") ?? postgres!.ConnectionString("ledger");
        Environment.SetEnvironmentVariable("ConnectionStrings__Ledger", connectionString);
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        // The seal file and signing key belong with the throwaway database, not with the build output.
        using var integrity = new ScratchFolder(Path.Combine(Path.GetTempPath(), $"sanzi-bench-integrity-{Guid.NewGuid():N}"));
        Environment.SetEnvironmentVariable("Integrity__Folder", integrity.Path);
        // The host's content root: WebApplicationFactory would otherwise guess a folder named after the API assembly.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SANZI_API", AppContext.BaseDirectory);
        JasperFxEnvironment.AutoStartHost = true;
        await using var host = await AlbaHost.For<Program>();

        var bench = new WriteBench(host.Services, host.Server.CreateClient());
        Console.WriteLine($"Sanzi Ledger write path, {Environment.ProcessorCount} cores, PostgreSQL at {new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Host}");
        Console.WriteLine();
        // 0 commands: the handover alone; 0 items: the single commands alone (the raw handover baseline takes minutes on a loaded machine).
        if (commands > 0)
        {
            var (ledgerAssets, rawAssets) = await bench.RegisterAssets(commands);
            Report("record an asset, one transaction each, the two taking turns", commands, ledgerAssets, rawAssets);
            Console.WriteLine();
        }
        if (handoverItems == 0) return;
        var (ledger, raw) = await bench.Handover(handoverItems);
        Console.WriteLine($"hand over a unit of {handoverItems:N0} items in one transaction (the third signature)");
        Console.WriteLine($"  {"ledger (POST signature)",-34}{ledger.TotalMilliseconds,10:N0} ms");
        Console.WriteLine($"  {"raw Marten, same events appended",-34}{raw.TotalMilliseconds,10:N0} ms");
    }

    private static void Report(string what, int n, IReadOnlyList<TimeSpan> ledger, IReadOnlyList<TimeSpan> raw)
    {
        Console.WriteLine($"{what}, {n:N0} times");
        Console.WriteLine($"  {"",-34}{"per second",12}{"p50 ms",10}{"p95 ms",10}{"p99 ms",10}");
        foreach (var (name, times) in new[] { ("ledger (POST, command pipeline)", ledger), ("raw Marten StartStream", raw) })
        {
            var sorted = times.Order().ToList();
            double P(double q) => sorted[(int)Math.Min(sorted.Count - 1, q * sorted.Count)].TotalMilliseconds;
            Console.WriteLine($"  {name,-34}{n / times.Sum(t => t.TotalSeconds),12:N0}{P(0.5),10:N2}{P(0.95),10:N2}{P(0.99),10:N2}");
        }
    }
}
