using System.Diagnostics;

namespace Sanzi.Bench.Verify;

/// <summary>Wall-clock and this process's CPU time of one step.</summary>
public sealed record Measured(TimeSpan Wall, TimeSpan Cpu)
{
    public static (long Ticks, TimeSpan Cpu) Now() => (Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);

    public static Measured Since((long Ticks, TimeSpan Cpu) start) =>
        new(Stopwatch.GetElapsedTime(start.Ticks), Process.GetCurrentProcess().TotalProcessorTime - start.Cpu);

    public static async Task<Measured> RunAsync(Func<Task> step)
    {
        var start = Now();
        await step();
        return Since(start);
    }

    public static Measured operator -(Measured a, Measured b) => new(a.Wall - b.Wall, a.Cpu - b.Cpu);
}
