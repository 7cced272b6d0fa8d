using System.Text;
using Alba;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Notices;

/// <summary>
/// The public notice (公示) of 东村 after the merger scenario: served without anyone logged in, at the unit's
/// address and at the notice's own, listing items, totals, the notice period and where objections go, with
/// nothing personal; rendered by headless Chromium into a DOM and an A4 screenshot kept in the test output.
/// </summary>
public class NoticePageTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task The_notice_page_renders_in_chromium_with_what_the_rules_require_and_nothing_personal()
    {
        var m = await VillageMerger.Run(_api);
        var noticeId = (await m.East.View()).GetProperty("unit").GetProperty("notice").GetProperty("noticeId").GetGuid();
        var (page, type) = await _api.Download($"/notices/{m.East.Code}");
        type.ShouldBe("text/html; charset=utf-8");
        (await _api.Download($"/notices/{m.East.Code}/{noticeId:N}")).Body.ShouldBe(page);
        await _api.Download($"/notices/{m.East.Code}/{Guid.NewGuid()}", 404);
        await _api.Download($"/notices/{m.Merged.Code}", 404);

        var html = Encoding.UTF8.GetString(page);
        html.ShouldContain("@page { size: A4;");
        html.ShouldContain("@media print");
        html.ShouldNotContain("<script");

        if (!Chromium.Installed) Assert.Skip($"{Chromium.Binary} is not installed; .ci/run installs it (apt-get install chromium).");
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "notices"));
        var file = Path.Combine(folder.FullName, "east-notice.html");
        await File.WriteAllBytesAsync(file, page, TestContext.Current.CancellationToken);
        var url = new Uri(file).AbsoluteUri;

        var dom = await Chromium.DumpDom(url);
        var from = m.FreezeDay.PlusDays(4);
        dom.ShouldContain("东村集体资产清产核资结果公示");
        dom.ShouldContain($"单位代码：{m.East.Code}　公示编号：{m.East.Code}-{from:yyyyMMdd}-集");
        dom.ShouldContain($"公示期：{Support.Reports.Chinese(from)}至{Support.Reports.Chinese(from.PlusDays(6))}，共7天");
        dom.ShouldContain("公示地点：村务公开栏、县农村集体三资管理平台");
        dom.ShouldContain("镇三资委托代理服务中心 0795-1234567");
        dom.ShouldContain("盘盈0项，金额0.00元；盘亏1项，账面金额30,000.00元");
        dom.ShouldContain("<td>村部办公楼</td>");
        dom.ShouldContain("<td class=\"n\">360,000.00</td><td class=\"n\">355,000.00</td><td class=\"n\">-5,000.00</td>");
        dom.ShouldContain("个人（姓名不予公示）");
        dom.ShouldNotContain("陈某");
        dom.ShouldNotContain("6228");
        dom.ShouldNotContain("刘某");

        var screenshot = Path.Combine(folder.FullName, "east-notice.png");
        File.Delete(screenshot);
        await Chromium.Screenshot(url, screenshot);
        new FileInfo(screenshot).Length.ShouldBeGreaterThan(20_000);
        TestContext.Current.TestOutputHelper?.WriteLine($"Notice screenshot: {screenshot}");
    }
}
