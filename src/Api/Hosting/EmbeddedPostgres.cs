using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Sanzi.Api.Hosting;

/// <summary>
/// A private PostgreSQL server in a data folder of our own, so that the ledger and its tests run on a
/// fresh machine with no set-up. Used only when no connection string is configured.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private readonly string _binDir;
    private readonly string _dataDir;
    private readonly bool _ownsServer;
    private readonly bool _deleteOnStop;

    private EmbeddedPostgres(string binDir, string dataDir, int port, bool ownsServer, bool deleteOnStop)
    {
        _binDir = binDir;
        _dataDir = dataDir;
        Port = port;
        _ownsServer = ownsServer;
        _deleteOnStop = deleteOnStop;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>
    /// Initialises the cluster if the folder is empty, then starts it on a free loopback port. A server
    /// already running on the folder (another ledger process) is reused rather than fought over.
    /// </summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDir, bool throwaway, CancellationToken ct = default)
    {
        var binDir = FindBinDir();
        dataDir = ServiceUserPlace(Path.GetFullPath(dataDir));
        Directory.CreateDirectory(dataDir);
        var socketDir = Path.Combine(dataDir, "socket");

        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            GiveToServiceUser(dataDir);
            await RunAsync(binDir, "initdb", ct, "-D", dataDir, "-U", ServiceUser, "--auth=trust", "--encoding=UTF8",
                "--locale=C.UTF-8", "--no-sync");
        }

        if (await RunningPortAsync(dataDir, ct) is { } runningPort)
        {
            var shared = new EmbeddedPostgres(binDir, dataDir, runningPort, ownsServer: false, deleteOnStop: false);
            await shared.EnsureDatabaseAsync("ledger", ct);
            return shared;
        }

        Directory.CreateDirectory(socketDir);
        GiveToServiceUser(dataDir);
        var port = FreeLoopbackPort();
        // Verify reads the log on several connections at once (a share of the streams per core, each with its own events and
        // hash scans); the test suite's many ledgers on one server ran out of 200 while a browser verified.
        var settings = $"-p {port} -k {socketDir} -c listen_addresses=127.0.0.1 -c max_connections=500{MemorySettings}";
        if (throwaway) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(binDir, "pg_ctl", ct, "-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60",
            "-o", settings, "start");

        var server = new EmbeddedPostgres(binDir, dataDir, port, ownsServer: true, deleteOnStop: throwaway);
        await server.EnsureDatabaseAsync("ledger", ct);
        return server;
    }

    /// <summary>
    /// Sorts of a 10,000-line catalog in memory: its window counts spilled 982 temporary blocks to disk at PostgreSQL's default
    /// 4 MB (95 ms against 89 ms in psql). Shared buffers stay at the default: at a quarter of the memory (6 GB here) single
    /// commands on a fresh cluster were 8% slower, the ledger's and raw Marten's alike, and a 310,000-item county's debt register
    /// read no faster (p50 7.0 ms against 6.4 ms at 128 MB).
    /// </summary>
    private const string MemorySettings = " -c work_mem=32MB";

    /// <summary>Where the cluster really lives (differs from the folder asked for when the service user cannot reach that).</summary>
    public string DataDirectory => _dataDir;

    /// <summary>
    /// As root the server runs as <c>postgres</c>, who cannot pass through a private folder such as root's
    /// home (mode 0700). Then the cluster is kept under <see cref="RelocationRoot"/>, and the folder asked for
    /// keeps a note (<see cref="ClusterNote"/>) of where, beside the signing key and seal file it holds: a
    /// checkout finds its own cluster again, and a fresh clone at the same path starts fresh books instead of
    /// finding a deleted clone's database under keys and seals that never signed it.
    /// </summary>
    public static string ServiceUserPlace(string dataDir)
    {
        if (!RunningAsRoot || OperatingSystem.IsWindows() || ServiceUserCanReach(dataDir)) return dataDir;
        var note = Path.Combine(dataDir, ClusterNote);
        if (File.Exists(note) && File.ReadAllText(note).Trim() is { Length: > 0 } kept) return kept;
        var pathHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDir)))[..12];
        var place = Path.Combine(RelocationRoot, $"{pathHash}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}");
        Directory.CreateDirectory(RelocationRoot);
        Directory.CreateDirectory(dataDir);
        File.WriteAllText(note, place + "\n");
        return place;
    }

    /// <summary>The note in the folder asked for that names the cluster kept elsewhere.</summary>
    public const string ClusterNote = "cluster-location";

    public const string RelocationRoot = "/var/lib/sanzi-ledger";

    /// <summary>Can the service user traverse down to the deepest folder that already exists on the path?</summary>
    private static bool ServiceUserCanReach(string dataDir)
    {
        var existing = dataDir;
        while (!Directory.Exists(existing)) existing = Path.GetDirectoryName(existing)!;
        using var probe = Process.Start(new ProcessStartInfo("runuser", ["-u", ServiceUser, "--", "test", "-x", existing])
            { WorkingDirectory = "/", RedirectStandardError = true })!;
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn)
            { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ownsServer) return;
        NpgsqlConnection.ClearAllPools();
        await RunAsync(_binDir, "pg_ctl", CancellationToken.None, "-D", _dataDir, "-m", "fast", "-w", "stop");
        if (_deleteOnStop) Directory.Delete(_dataDir, recursive: true);
    }

    /// <summary>
    /// The port of a server that really serves this folder, or null. postmaster.pid (line 1 the pid, line 2 the
    /// folder, line 4 the port) is not proof: after a crash it names a dead or reused pid, and in a copied folder
    /// it names the original's server. So the file must name this folder and the server on that port must say
    /// it serves this folder; otherwise the file is stale and is removed so that our own server can start.
    /// </summary>
    private static async Task<int?> RunningPortAsync(string dataDir, CancellationToken ct)
    {
        var pidFile = Path.Combine(dataDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length >= 4 && int.TryParse(lines[0], out var pid) && int.TryParse(lines[3], out var port)
            && SamePath(lines[1], dataDir) && IsAlive(pid) && await ServedFolderAsync(port, ct) is { } served && SamePath(served, dataDir))
            return port;
        File.Delete(pidFile);
        return null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<string?> ServedFolderAsync(int port, CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection(
                $"Host=127.0.0.1;Port={port};Username={ServiceUser};Database=postgres;Pooling=false;Timeout=5");
            await conn.OpenAsync(ct);
            await using var show = new NpgsqlCommand("show data_directory", conn);
            return await show.ExecuteScalarAsync(ct) as string;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a.Trim())), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static void GiveToServiceUser(string dir)
    {
        if (!RunningAsRoot || OperatingSystem.IsWindows()) return;
        RunAsync("/usr/bin", "chown", CancellationToken.None, "-R", $"{ServiceUser}:{ServiceUser}", dir)
            .GetAwaiter().GetResult();
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string FindBinDir()
    {
        var fromPgConfig = TryRun("pg_config", "--bindir");
        if (fromPgConfig is not null && File.Exists(Path.Combine(fromPgConfig, "initdb"))) return fromPgConfig;

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (installed is not null) return installed;

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        return onPath ?? throw new LedgerStartupException(
            "No PostgreSQL server binaries found (looked at pg_config --bindir, /usr/lib/postgresql/*/bin and PATH). " +
            "Install PostgreSQL 15+ or set ConnectionStrings__Ledger to an existing server.");
    }

    private static string? TryRun(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static async Task RunAsync(string binDir, string tool, CancellationToken ct, params string[] args)
    {
        var path = Path.Combine(binDir, tool);
        var asServiceUser = RunningAsRoot && tool != "chown";
        var info = new ProcessStartInfo(asServiceUser ? "runuser" : path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (asServiceUser)
            foreach (var a in new[] { "-u", ServiceUser, "--", path }) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);

        using var process = Process.Start(info) ?? throw new LedgerStartupException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new LedgerStartupException(
                $"{tool} failed with exit code {process.ExitCode}: {await stderr}{await stdout}");
    }
}
