using System.Diagnostics;
using Sanzi.Bench.County;

namespace Sanzi.Bench.Verify;

/// <summary>Wall-clock and CPU time of one step: this process's, and the database server's when <see cref="Server"/> is known.</summary>
public sealed record Measured(TimeSpan Wall, TimeSpan Cpu, TimeSpan ServerCpu)
{
    /// <summary>The server's clock (its postmaster and every backend); null leaves the server's CPU at zero.</summary>
    public static CpuClock? Server { get; set; }

    public static (long Ticks, TimeSpan Cpu, TimeSpan ServerCpu) Now() =>
        (Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime, ServerNow());

    /// <summary>Since <paramref name="start"/>; <paramref name="server"/> false leaves the server's CPU out (reading it walks /proc).</summary>
    public static Measured Since((long Ticks, TimeSpan Cpu, TimeSpan ServerCpu) start, bool server = true) =>
        new(Stopwatch.GetElapsedTime(start.Ticks), Process.GetCurrentProcess().TotalProcessorTime - start.Cpu,
            server ? ServerNow() - start.ServerCpu : TimeSpan.Zero);

    public static async Task<Measured> RunAsync(Func<Task> step)
    {
        var start = Now();
        await step();
        return Since(start);
    }

    private static TimeSpan ServerNow() => Server is null ? TimeSpan.Zero : TimeSpan.FromSeconds(Server.Now().Server);
}
