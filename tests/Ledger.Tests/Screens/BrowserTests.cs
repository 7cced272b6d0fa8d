using Microsoft.Playwright;
using Sanzi.Api.Demo;
using Sanzi.Api.Identity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Screens;

/// <summary>
/// The screens in Debian's headless Chromium, driven by Playwright (no browser is downloaded): the sample village
/// merger seen by the reform office, the township clerk and the inspector. Screenshots go to the test output's
/// <c>screens</c> folder (and are the ones in docs/screens), with the browser's console and the ledger's log.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private const string East = "360702105201";
    private const string Merged = "360702105210";
    private LedgerProcess _ledger = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly string _shots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screens")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!Chromium.Installed) return;
        File.Delete(Path.Combine(_shots, "console.log"));
        _ledger = await LedgerProcess.StartAsync("screens_browser", Path.Combine(_shots, "ledger.log"));
        using var http = new HttpClient { BaseAddress = _ledger.Address };
        await new SampleMerger(new DemoClient(http, _ledger.Tokens, SampleMerger.Township)).RunAsync(TextWriter.Null);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Binary, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (!Chromium.Installed) return;
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _ledger.DisposeAsync();
    }

    [Fact]
    public async Task The_merger_is_seen_and_worked_in_the_browser_by_office_clerk_and_inspector()
    {
        Assert.SkipUnless(Chromium.Installed, $"{Chromium.Binary} is not installed; .ci/run installs it.");

        // The reform office: the list of reforms with every unit's progress, and a refusal shown next to its field.
        var office = await SignIn("县改革办-李主任", Roles.ReformOffice);
        await office.WaitForSelectorAsync("text=东坪村、西坪村合并设立和平村");
        (await office.Locator(".reform-progress tr").CountAsync()).ShouldBeGreaterThan(3);
        await office.ClickAsync("[data-submit=declare]");
        await office.WaitForSelectorAsync("[data-refusal=declare]");
        (await office.Locator("[data-form=declare] .mud-input-error").CountAsync()).ShouldBeGreaterThan(0, "the refused fields are marked where they are");
        await Shot(office, "reforms");

        // The township clerk: the reform's units with their stage, then a unit's books, chart and reports.
        var clerk = await SignIn("周会计", Roles.TownshipClerk);
        await clerk.ClickAsync("text=东坪村、西坪村合并设立和平村");
        await clerk.WaitForSelectorAsync($"[data-unit='{East}'] [data-stage=closed]");
        (await clerk.InnerTextAsync($"[data-blocker='{East}']")).ShouldContain("已关闭");
        await Shot(clerk, "reform");
        await clerk.GotoAsync(new Uri(_ledger.Address, $"/books/{Merged}").ToString());
        await clerk.WaitForSelectorAsync(".items-table >> text=村部办公楼");
        (await clerk.Locator(".mud-chart svg").CountAsync()).ShouldBeGreaterThan(0, "the book-vs-verified chart is drawn");
        await clerk.WaitForSelectorAsync(".report-table >> text=货币资金合计");
        await clerk.FillAsync("#item-search", "办公楼");
        await clerk.WaitForFunctionAsync("() => !document.querySelector('.items-table').innerText.includes('拖拉机')");
        await clerk.ClickAsync(".items-table >> text=村部办公楼");
        await clerk.WaitForSelectorAsync(".item-history >> text=资产登记");
        await Shot(clerk, "books");
        var excel = await clerk.RunAndWaitForDownloadAsync(() => clerk.ClickAsync("text=Excel >> nth=0"));
        excel.SuggestedFilename.ShouldEndWith(".xlsx");

        // The inspector: leads with their evidence and trace, and a verify run.
        var inspector = await SignIn("纪委-陈监察", Roles.Inspector);
        await inspector.GotoAsync(new Uri(_ledger.Address, "/leads").ToString());
        await inspector.WaitForSelectorAsync(".leads-table >> text=清查盘亏");
        await inspector.ClickAsync(".leads-table >> text=清查盘亏");
        await inspector.WaitForSelectorAsync("[data-lead] .item-history");
        await Shot(inspector, "leads");
        await inspector.GotoAsync(new Uri(_ledger.Address, "/verify").ToString());
        await inspector.WaitForSelectorAsync("[data-testid=chain-head]");
        await inspector.ClickAsync("[data-submit=verify]");
        await inspector.WaitForSelectorAsync("[data-testid=verify-result]");
        await Shot(inspector, "verify");
        (await inspector.Locator("[data-testid=verify-result]").InnerTextAsync()).ShouldContain("账本完整");
        await Shot(inspector, "verify");
    }

    private async Task<IPage> SignIn(string name, string role)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        // What the browser said (a blocked script, a failed circuit) is kept beside the screenshots.
        page.Console += (_, m) => Note($"{name} {m.Type}: {m.Text}");
        page.PageError += (_, m) => Note($"{name} page error: {m}");
        await page.GotoAsync(new Uri(_ledger.Address, "/login").ToString());
        await page.FillAsync("#token", _ledger.Tokens.Issue(name, role, [SampleMerger.Township], TokenIssuer.DefaultLifetime));
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync("**/reforms");
        await page.WaitForSelectorAsync($"[data-testid=who] >> text={name}");
        return page;
    }

    private void Note(string line)
    {
        lock (_shots) File.AppendAllText(Path.Combine(_shots, "console.log"), line + "\n");
    }

    private Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(_shots, name + ".png"), FullPage = true });
}
