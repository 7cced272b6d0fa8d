using Microsoft.Playwright;
using Sanzi.Api.Identity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Screens;

/// <summary>
/// The screens in Debian's headless Chromium: the sample village merger seen by the reform office, the township
/// clerk and the inspector, and a second merger taken from declaration to signed handover in the browser alone.
/// Screenshots go to the test output's <c>screens</c> folder (and are the ones in docs/screens).
/// </summary>
public sealed class BrowserTests(ScreensLedger screens) : IClassFixture<ScreensLedger>
{
    private const string East = "360702105201";
    private const string Merged = "360702105210";

    [Fact]
    public async Task The_sample_merger_is_seen_in_the_browser_by_office_clerk_and_inspector()
    {
        Assert.SkipUnless(Chromium.Installed, $"{Chromium.Binary} is not installed; .ci/run installs it.");

        // The reform office: the list of reforms with every unit's progress, and a refusal shown next to its field.
        var office = await screens.SignIn("县改革办-李主任", Roles.ReformOffice);
        await office.WaitForSelectorAsync("text=东坪村、西坪村合并设立和平村");
        (await office.InnerTextAsync(".mud-appbar")).ShouldNotContain("线索", customMessage: "leads are the inspectors' alone");
        (await office.Locator(".reform-progress tr").CountAsync()).ShouldBeGreaterThan(3);
        await office.ClickAsync("[data-submit=declare]");
        await office.WaitForSelectorAsync("[data-refusal=declare]");
        (await office.Locator("[data-form=declare] .mud-input-error").CountAsync()).ShouldBeGreaterThan(0, "the refused fields are marked where they are");
        await screens.Shot(office, "reforms");

        // The township clerk: the reform's units with their stage, then a unit's books, chart and reports.
        var clerk = await screens.SignIn("周会计", Roles.TownshipClerk);
        await clerk.ClickAsync("text=东坪村、西坪村合并设立和平村");
        await clerk.WaitForSelectorAsync($"[data-unit='{East}'] [data-stage=closed]");
        (await clerk.InnerTextAsync($"[data-blocker='{East}']")).ShouldContain("已关闭");
        await screens.Shot(clerk, "reform");
        await clerk.GotoAsync(screens.Url($"/books/{Merged}"));
        await clerk.WaitForSelectorAsync(".items-table >> text=村部办公楼");
        (await clerk.Locator(".mud-chart svg").CountAsync()).ShouldBeGreaterThan(0, "the book-vs-verified chart is drawn");
        await clerk.WaitForSelectorAsync(".report-table >> text=货币资金合计");
        await clerk.FillAsync("#item-search", "办公楼");
        await clerk.WaitForFunctionAsync("() => !document.querySelector('.items-table').innerText.includes('拖拉机')");
        await clerk.ClickAsync(".items-table >> text=村部办公楼");
        await clerk.WaitForSelectorAsync(".item-history >> text=资产登记");
        await screens.Shot(clerk, "books");
        var excel = await clerk.RunAndWaitForDownloadAsync(() => clerk.ClickAsync("text=Excel >> nth=0"));
        excel.SuggestedFilename.ShouldEndWith(".xlsx");

        // A village whose books went over: its chart names the categories its inventory closed on in Chinese, and the pager speaks Chinese.
        await clerk.GotoAsync(screens.Url($"/books/{East}"));
        await clerk.WaitForSelectorAsync(".mud-chart >> text=固定资产-房屋建筑物");
        (await clerk.InnerTextAsync(".mud-chart")).ShouldNotContain("building");
        (await clerk.InnerTextAsync(".items-table")).ShouldContain("共 1 项");

        // The inspector: leads with their evidence and trace, and a verify run.
        var inspector = await screens.SignIn("纪委-陈监察", Roles.Inspector);
        (await inspector.InnerTextAsync(".mud-appbar")).ShouldContain("线索");
        await inspector.GotoAsync(screens.Url("/leads"));
        await inspector.WaitForSelectorAsync(".leads-table >> text=清查盘亏");
        await inspector.ClickAsync(".leads-table >> text=清查盘亏");
        await inspector.WaitForSelectorAsync("[data-lead] .item-history");
        await screens.Shot(inspector, "leads");
        await inspector.GotoAsync(screens.Url("/verify"));
        await inspector.WaitForSelectorAsync("[data-testid=chain-head]");
        await inspector.ClickAsync("[data-submit=verify]");
        await screens.Shot(inspector, "verify");
        var verdict = await inspector.Locator("[data-testid=verify-result]").InnerTextAsync();
        if (!verdict.Contains("账本完整"))
        {
            // What the page shows, and what verify answers when asked again, so a failure says which problem it was.
            using var http = new HttpClient { BaseAddress = screens.Ledger.Address };
            http.DefaultRequestHeaders.Authorization = new("Bearer", screens.Ledger.Tokens.Issue("纪委-陈监察", Roles.Inspector, [], TokenIssuer.DefaultLifetime));
            var shown = string.Join(" | ", await inspector.Locator("[data-finding]").AllInnerTextsAsync());
            verdict.ShouldContain("账本完整", customMessage: $"page: {shown}\nagain: {await http.GetStringAsync("/api/verify")}");
        }
    }

    [Fact]
    public async Task A_village_merger_goes_from_declaration_to_signed_handover_in_the_browser_alone()
    {
        Assert.SkipUnless(Chromium.Installed, $"{Chromium.Binary} is not installed; .ci/run installs it.");
        const string old = "360702105203", successor = "360702105211";
        var merger = new BrowserMerger(screens, old, successor);
        await screens.Keeping(async () =>
        {

            // The reform office declares; the township clerk enters the village's books while it is not yet frozen.
            var office = await screens.SignIn("县改革办-李主任", Roles.ReformOffice);
            var reform = await merger.Declare(office, "南岭村整建制并入岭南村");
            var clerk = await screens.SignIn("临河镇三资中心-周会计", Roles.TownshipClerk);
            await merger.RegisterAsset(clerk, "南岭村办公楼", 320_000m);
            await merger.RegisterAsset(clerk, "南岭村抽水机", 18_000m);

            // The office holds the four meetings, freezes and locks the debts.
            await clerk.GotoAsync(reform);
            (await clerk.Locator($"[data-unit='{old}'] [data-form^=resolution]").CountAsync()).ShouldBe(0, "the meetings are the office's to record");
            await merger.HoldFourMeetings(office);
            await merger.Step(office, "freeze", "frozen", ("document", "临政发〔2026〕41号"));
            await merger.Step(office, $"lock-{old}", "debtsLocked");

            // The clerk counts each item (an adjustment and a shortage), closes the inventory, posts the notice, takes one
            // objection and settles it, records the members' confirmation and draws up the handover register.
            await merger.Count(clerk, "南岭村办公楼", "调整", ("verifiedValue", "300000"), ("reason", "评估减值：外墙开裂"));
            await merger.Count(clerk, "南岭村抽水机", "盘亏", ("reason", "盘点未见实物"));
            await screens.Shot(clerk, "books-counting");
            await clerk.GotoAsync(reform);
            await merger.Step(clerk, $"close-{old}", "inventoried");
            await merger.Step(clerk, $"notice-{old}", "noticed");
            await merger.Step(clerk, $"objection-{old}", "noticed", ("raisedBy", "村民代表刘某"), ("text", "抽水机去向不明"));
            await clerk.WaitForSelectorAsync($"[data-blocker='{old}'] >> text=1 项异议待处理");
            await merger.ResolveObjection(clerk, "不成立", "抽水机已于 2025 年报废，另案处理");
            await merger.Step(clerk, $"confirm-{old}", "confirmed", ("document", "南岭村成员代表大会决议〔2026〕1号"));
            await merger.Step(clerk, $"handover-{old}", "handoverDrafted",
                ("handingOverName", "孙立平"), ("handingOverPost", "南岭村原村委会主任"), ("receivingName", "钱卫东"), ("receivingPost", "岭南村村委会主任"),
                ("supervisingName", "县财政局-郑审计"), ("supervisingPost", "县财政局审计科"));
            await screens.Shot(clerk, "reform-handover");

            // The three signatures, each from the signer's own token; the auditor signs as 监交人.
            var auditor = await screens.SignIn("县财政局-郑审计", Roles.FinanceAuditor);
            await merger.Sign(await screens.SignIn("孙立平", Roles.TownshipClerk), "移交人", "handoverDrafted");
            await merger.Sign(await screens.SignIn("钱卫东", Roles.TownshipClerk), "接收人", "handoverDrafted");
            await merger.Sign(auditor, "监交人", "closed");

            // The auditor reads the reconciliation of old against new; the inspector opens the shortage's lead and its trace.
            await auditor.WaitForSelectorAsync("[data-testid=reconciliation] .report-table >> text=南岭村");
            (await auditor.InnerTextAsync("[data-testid=reconciliation]")).ShouldNotContain("尚未移交", customMessage: "every item reached 岭南村");
            await screens.Shot(auditor, "reconciliation");
            var inspector = await screens.SignIn("纪委-陈监察", Roles.Inspector);
            await merger.OpenLead(inspector, "清查盘亏");
            (await inspector.InnerTextAsync("[data-lead] .item-history")).ShouldContain("清点核实");
        });
    }
}
