using Alba;
using Sanzi.Api.Hosting;
using Sanzi.Api.Identity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Security;

/// <summary>Security headers on every answer, and a unit holding the largest amounts the ledger accepts still serves every page.</summary>
public class ResponseTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Theory]
    [InlineData("/api/units/360702101", true)]
    [InlineData("/api/units/bad-code", true)]
    [InlineData("/notices/360702101", false)]
    [InlineData("/no-such-page", false)]
    public async Task Every_answer_forbids_sniffing_and_framing_and_api_answers_are_not_stored(string url, bool api)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Authorization", "Bearer " + _api.Token("读者", Roles.Inspector));
            s.IgnoreStatusCode();
        });
        var headers = result.Context.Response.Headers;
        headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        headers.XFrameOptions.ToString().ShouldBe("DENY");
        headers.ContentSecurityPolicy.ToString().ShouldContain("frame-ancestors 'none'");
        if (api) headers.CacheControl.ToString().ShouldBe("no-store");
    }

    [Fact]
    public async Task A_notice_page_carries_the_page_policy()
    {
        var m = await VillageMerger.Run(_api);
        var result = await fixture.Host.Scenario(s => s.Get.Url($"/notices/{m.East.Code}"));
        result.Context.Response.Headers.ContentSecurityPolicy.ToString().ShouldBe(SecurityHeaders.PagePolicy);
    }

    [Fact]
    public async Task A_unit_at_the_amount_cap_serves_every_page_and_one_fen_more_is_a_400()
    {
        var books = new Books(_api, Sample.TownshipCode());
        await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        var cap = new InputLimits().MaxAmount;
        for (var i = 0; i < 3; i++) await books.Asset("building", "大楼", cap);
        await books.Account("bank", cap);
        await books.Debt("liability", "loan", "县农商银行", cap);
        var problem = await _api.Post($"/api/units/{books.Code}/assets", Sample.Vehicle(originalValue: cap + 0.01m), 400);
        problem.GetProperty("errors").TryGetProperty("originalValue", out _).ShouldBeTrue();

        foreach (var page in new[] { "", "/assets", "/catalog", "/summary", "/debts", "/catalog?format=xlsx", "/summary?format=csv" })
            await _api.Download($"/api/units/{books.Code}{page}");
    }
}
