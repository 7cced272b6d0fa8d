using Microsoft.Extensions.Configuration;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Sanzi.Tests.Support;

/// <summary>
/// The ledger as a browser meets it: the built API started as its own process on a free port, in a database of
/// its own on the test server (so its projection daemon does not share a database with the in-process host's).
/// </summary>
public sealed class LedgerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LedgerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Today in Beijing as a separate ledger sees it: it runs on the wall clock, as it would for its users.</summary>
    public static string Today() => Ledger.Common.Stamp.DayOf(NodaTime.SystemClock.Instance.GetCurrentInstant()).ToString("yyyy-MM-dd", null);

    /// <summary>The key the process signs and checks tokens with, so that the test can issue them.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public Sanzi.Api.Identity.TokenIssuer Tokens { get; } = new(
        Sanzi.Api.Identity.SigningKey.Load(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>(Sanzi.Api.Identity.SigningKey.Setting, SigningKey)]).Build(), Path.GetTempPath()),
        NodaTime.SystemClock.Instance);

    /// <param name="settings">More settings for the process, as environment variables (<c>Section__Key</c>).</param>
    /// <param name="log">Where its console (warnings, failed circuits) is written; by default <c>{database}.log</c> in the temp folder.</param>
    public static async Task<LedgerProcess> StartAsync(string database, IReadOnlyDictionary<string, string>? settings = null, string? log = null)
    {
        var connection = await TestDatabases.CreateAsync(database);

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = new Uri($"http://127.0.0.1:{port}");

        // The API's own build output: it carries the static web asset manifests the test output does not.
        var bin = AppContext.BaseDirectory.TrimEnd('/');
        var (framework, configuration) = (Path.GetFileName(bin), Path.GetFileName(Path.GetDirectoryName(bin)));
        var root = new DirectoryInfo(bin);
        while (!File.Exists(Path.Combine(root.FullName, "src", "Api", "Api.csproj"))) root = root.Parent!;
        var api = Path.Combine(root.FullName, "src", "Api");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = api, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(api, "bin", configuration!, framework, "Sanzi.Api.dll"));
        start.Environment["ConnectionStrings__Ledger"] = connection;
        start.Environment["Ledger__Url"] = address.ToString().TrimEnd('/');
        start.Environment["Integrity__SealInterval"] = "00:00:01";
        // The seal file belongs to the database just made, in a folder of this process alone: a folder named after the
        // database only was shared by test runs of other checkouts at the same moment, whose ledgers wrote their seals into it.
        start.Environment["Integrity__Folder"] = ScratchFolders.New($"{database}-integrity");
        start.Environment["Auth__SigningKey"] = SigningKey;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var console = new StreamWriter(log ?? Path.Combine(Path.GetTempPath(), $"{database}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { lock (console) console.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (console) console.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var waited = 0; waited < 120; waited++)
        {
            if (process.HasExited) throw new InvalidOperationException($"The ledger exited with {process.ExitCode}.");
            try
            {
                if ((await http.GetAsync(new Uri(address, "/api/about"))).IsSuccessStatusCode) return new LedgerProcess(process, address);
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(1000);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The ledger did not answer within two minutes.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
