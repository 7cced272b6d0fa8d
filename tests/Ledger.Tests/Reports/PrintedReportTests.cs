using System.Text;
using System.Text.RegularExpressions;
using Sanzi.Tests.Support;
using Shouldly;
using static Sanzi.Tests.Support.Reports;

namespace Sanzi.Tests.Reports;

/// <summary>
/// The printable page of each report (<c>?format=html</c>), as a finance bureau would file it: the title, 填报单位
/// with its code, a Chinese snapshot date, 单位：元, money with thousands separators and two decimals, totals in
/// bold, A4 with the header row repeated on every page, and the signature lines.
/// </summary>
public class PrintedReportTests(LedgerFixture fixture)
{
    private static Task<VillageMerger>? _merger;
    private readonly LedgerApi _api = new(fixture.Host);

    private Task<VillageMerger> Merger() => LazyInitializer.EnsureInitialized(ref _merger, () => VillageMerger.Run(_api));

    [Fact]
    public async Task The_summary_prints_as_the_national_form_with_its_totals_in_bold_and_the_unit_signers()
    {
        var m = await Merger();
        var page = await Page(Unit(m.East.Code, "summary", "format=html"));
        page.ShouldContain("<h1>清产核资汇总表</h1>");
        page.ShouldContain($"填报单位：东村（{m.East.Code}）");
        Regex.IsMatch(page, @"基准日：\d{4}年\d{1,2}月\d{1,2}日").ShouldBeTrue("the snapshot date is written in Chinese");
        page.ShouldContain("单位：元");
        page.ShouldContain(">355,000.00<", customMessage: "money has thousands separators and two decimals");
        Regex.IsMatch(page, "<tr class=\"total\"><td>货币资金</td><td>货币资金合计</td>").ShouldBeTrue("the subtotal line is bold");
        page.ShouldContain("size: A4 landscape");
        page.ShouldContain("thead { display: table-header-group; }");
        foreach (var signer in new[] { "单位负责人：", "会计：", "制表人：" }) page.ShouldContain(signer);
    }

    [Fact]
    public async Task The_handover_register_is_signed_by_the_three_parties_and_every_report_has_its_page()
    {
        var m = await Merger();
        var handover = await Page(Unit(m.East.Code, "handover", "format=html"));
        handover.ShouldContain("<h1>移交清册</h1>");
        foreach (var signer in new[] { "移交人：", "接收人：", "监交人：" }) handover.ShouldContain(signer);
        handover.ShouldNotContain("单位负责人：");

        foreach (var report in UnitReports)
            (await Page(Unit(m.East.Code, report, "format=html"))).ShouldContain($"填报单位：东村（{m.East.Code}）");
        (await Page($"/api/reforms/{m.ReformId}/reconciliation?format=html")).ShouldContain("<h1>对账报告</h1>");
    }

    private async Task<string> Page(string url)
    {
        var (body, type) = await _api.Download(url);
        type.ShouldBe("text/html; charset=utf-8");
        return Encoding.UTF8.GetString(body);
    }
}
