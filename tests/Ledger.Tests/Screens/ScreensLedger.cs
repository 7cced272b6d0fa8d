using Microsoft.Playwright;
using Sanzi.Api.Demo;
using Sanzi.Api.Identity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Screens;

/// <summary>
/// One ledger process with the sample merger recorded and one Debian Chromium (driven by Playwright, nothing
/// downloaded) for all the browser tests; each signed-in person gets a browser context of their own. Screenshots,
/// the browser's console and the ledger's log go to the test output's <c>screens</c> folder.
/// </summary>
public sealed class ScreensLedger : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<(string Name, IPage Page)> _pages = [];

    public LedgerProcess Ledger { get; private set; } = null!;

    public string Shots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screens")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!Chromium.Installed) return;
        foreach (var old in Directory.GetFiles(Shots)) File.Delete(old);
        // A county that sets no least notice period: the merger the browser takes in one sitting declares 0 days
        // (the sample declares 7, entered after the fact, and keeps them).
        Ledger = await LedgerProcess.StartAsync("screens_browser", new Dictionary<string, string> { ["Notices__MinimumDays"] = "0" },
            Path.Combine(Shots, "ledger.log"));
        using var http = new HttpClient { BaseAddress = Ledger.Address };
        await new SampleMerger(new DemoClient(http, Ledger.Tokens, SampleMerger.Township)).RunAsync(TextWriter.Null);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Binary, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (!Chromium.Installed) return;
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Ledger.DisposeAsync();
    }

    public string Url(string path) => new Uri(Ledger.Address, path).ToString();

    /// <summary>A person signs in on the login page with a token of their own, for the sample's township.</summary>
    public async Task<IPage> SignIn(string name, string role)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        lock (_pages) _pages.Add((name, page));
        // What the browser said (a blocked script, a failed circuit) is kept beside the screenshots.
        page.Console += (_, m) => Note($"{name} {m.Type}: {m.Text}");
        page.PageError += (_, m) => Note($"{name} page error: {m}");
        await page.GotoAsync(Url("/login"));
        if (!File.Exists(Path.Combine(Shots, "login.png"))) await Shot(page, "login");
        await page.FillAsync("#token", Ledger.Tokens.Issue(name, role, [SampleMerger.Township], TokenIssuer.DefaultLifetime));
        await page.ClickAsync("#sign-in");
        // Beside the whole suite the sign-in's round trip and the new circuit can take longer than Playwright's default 30 s.
        // The page is awaited by what the person sees (their name in the bar), not by a navigation: the sign-in moves to the
        // reforms inside Blazor's enhanced navigation, and two CI runs found the reforms page drawn with the name shown while
        // Playwright's wait for the URL's load state never returned.
        await page.WaitForSelectorAsync($"[data-testid=who] >> text={name}", new() { Timeout = 90_000 });
        (await page.EvaluateAsync<string>("() => location.pathname")).ShouldBe("/reforms");
        return page;
    }

    public Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + ".png"), FullPage = true });

    /// <summary>Runs a test's steps; when one fails, every signed-in person's page is kept as it stood.</summary>
    public async Task Keeping(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            foreach (var (name, page) in _pages.ToList().Where(p => !p.Page.IsClosed))
                await Shot(page, $"failed-{name}");
            throw;
        }
    }

    private void Note(string line)
    {
        lock (Shots) File.AppendAllText(Path.Combine(Shots, "console.log"), line + "\n");
    }
}
