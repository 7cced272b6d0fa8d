using System.Diagnostics;

namespace Sanzi.Tests.Support;

/// <summary>Debian's headless Chromium, as .ci/run installs it: a screenshot of a page and its DOM as the browser built it.</summary>
public static class Chromium
{
    public const string Binary = "/usr/bin/chromium";

    public static bool Installed => File.Exists(Binary);

    public static async Task<string> DumpDom(string url) => await Run(["--dump-dom", url]);

    /// <summary>An A4 page at 150 dpi.</summary>
    public static Task Screenshot(string url, string file) => Run([$"--screenshot={file}", "--window-size=1240,1754", url]);

    private static async Task<string> Run(IEnumerable<string> args)
    {
        var profile = Directory.CreateTempSubdirectory("sanzi-chromium-");
        try
        {
            var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
                     }.Concat(args))
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0) throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await errors}");
            return await output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
