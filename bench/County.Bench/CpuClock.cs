using System.Diagnostics;
using Npgsql;

namespace Sanzi.Bench.County;

/// <summary>
/// CPU seconds spent by this process and by the database server whose postmaster is <c>process</c> (every backend, the WAL writer and checkpointer, and the
/// backends that have exited, which the postmaster has counted), read from <c>/proc</c>. On a machine shared with other
/// work the wall clock stretches with the load, CPU seconds much less: they say what a path costs, the wall what it took.
/// </summary>
public sealed class CpuClock(int process)
{
    public static async Task<CpuClock> OfServerAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        return new CpuClock(Field(conn.ProcessID, 1) is { } parent ? (int)parent : 0);
    }

    public (double Client, double Server) Now()
    {
        var server = (Field(process, 13) ?? 0) + (Field(process, 14) ?? 0);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Field(pid, 1) == process)
                server += (Field(pid, 11) ?? 0) + (Field(pid, 12) ?? 0);
        return (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, server / 100.0);
    }

    /// <summary>CPU seconds of the process itself (a clock made for one backend: <c>new CpuClock(connection.ProcessID)</c>).</summary>
    public double Backend() => ((Field(process, 11) ?? 0) + (Field(process, 12) ?? 0)) / 100.0;

    /// <summary>
    /// The n-th field after the command name's closing parenthesis in <c>/proc/pid/stat</c> (0 = state, 1 = parent, 11/12 =
    /// user/system ticks, 13/14 = those of reaped children), or null when the process is gone or this is not Linux.
    /// </summary>
    private static long? Field(int pid, int n)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(fields[n]);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
