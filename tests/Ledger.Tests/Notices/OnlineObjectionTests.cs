using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Sanzi.Api.Demo;
using Sanzi.Api.Identity;
using Sanzi.Ledger.Common;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Notices;

/// <summary>A member raises an objection from the public notice page in headless Chromium, without a login.</summary>
public class OnlineObjectionTests
{
    private const string East = "360702105201";

    [Fact]
    public async Task An_objection_raised_on_the_notice_page_reaches_the_clerks_list_and_blocks_the_confirmation_until_answered()
    {
        Assert.SkipUnless(Chromium.Installed, $"{Chromium.Binary} is not installed; .ci/run installs it.");
        await using var ledger = await LedgerProcess.StartAsync("documents_objections",
            new Dictionary<string, string> { ["Notices__OnlineObjectionsPerHour"] = "3" });
        using var http = new HttpClient { BaseAddress = ledger.Address };
        await new SampleMerger(new DemoClient(http, ledger.Tokens, SampleMerger.Township)).RunAsync(TextWriter.Null, untilNotice: true);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Binary, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(ledger.Address, $"/notices/{East}").ToString());
        (await page.InnerTextAsync("#objections + p")).ShouldBe("截至目前未收到异议。");
        await page.FillAsync("input[name=name]", "王秀英");
        await page.FillAsync("input[name=member]", "4417");
        await page.SelectOptionAsync("select[name=item]", new SelectOptionValue { Index = 1 });
        await page.FillAsync("textarea[name=text]", "办公楼核实数偏低，请复核");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("text=您的异议已收到");
        var shown = await page.InnerTextAsync("body");
        shown.ShouldContain("网上提出");
        shown.ShouldContain("待答复");
        shown.ShouldNotContain("王秀英");
        shown.ShouldNotContain("4417");

        // The clerk's list has it, with who raised it and how; the members may not confirm while it is open.
        var objection = (await Send(http, ledger, HttpMethod.Get, $"/api/units/{East}/objections", null, HttpStatusCode.OK)).EnumerateArray()
            .ShouldHaveSingleItem();
        objection.GetProperty("raisedBy").GetString().ShouldBe("王秀英");
        objection.GetProperty("member").GetString().ShouldBe("4417");
        objection.GetProperty("online").GetBoolean().ShouldBeTrue();
        objection.GetProperty("open").GetBoolean().ShouldBeTrue();
        var today = LedgerProcess.Today();
        var confirmation = new { idempotencyKey = "confirm-1", body = "membersRepresentatives", heldOn = today, document = "东坪村成员代表大会决议〔2026〕1号" };
        (await Send(http, ledger, HttpMethod.Post, $"/api/units/{East}/notice/confirmation", confirmation, HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("objection");

        await Send(http, ledger, HttpMethod.Post, $"/api/units/{East}/objections/{objection.GetProperty("objectionId").GetGuid()}/resolution",
            new { idempotencyKey = "answer-1", outcome = "rejected", reason = "经复核，办公楼核实数有评估报告为据" }, HttpStatusCode.OK);
        await page.GotoAsync(new Uri(ledger.Address, $"/notices/{East}").ToString());
        var answered = await page.InnerTextAsync("body");
        answered.ShouldContain("已答复");
        answered.ShouldContain("异议不成立");
        answered.ShouldContain("经复核，办公楼核实数有评估报告为据");
        await Send(http, ledger, HttpMethod.Post, $"/api/units/{East}/notice/confirmation", confirmation with { idempotencyKey = "confirm-2" },
            HttpStatusCode.OK);

        // One client address may raise only so many an hour (3 here): the browser's was the first.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await http.PostAsync($"/notices/{East}/objections", new FormUrlEncodedContent([new("name", "某人"), new("member", "1"), new("text", "x")]))).StatusCode);
        statuses.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests]);
    }

    private static async Task<JsonElement> Send(HttpClient http, LedgerProcess ledger, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: LedgerJson.Options) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            ledger.Tokens.Issue("周会计", Roles.TownshipClerk, [SampleMerger.Township], TokenIssuer.DefaultLifetime));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
