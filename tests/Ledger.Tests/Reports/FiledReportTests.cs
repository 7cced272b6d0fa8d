using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MiniExcelLibs;
using Shouldly;
using static Sanzi.Tests.Support.Reports;

namespace Sanzi.Tests.Reports;

/// <summary>
/// The reports as a finance bureau files them, on the same merger: each report's Excel read back, and its page to
/// print (<c>?format=html</c>). Both carry the title, 填报单位 with the unit's code, a Chinese snapshot date, 单位：元,
/// money as #,##0.00, the 合计 lines in bold, A4 with the header row repeated on every page, and the signature lines.
/// </summary>
public partial class ReportTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public async Task Every_report_opens_with_its_title_filing_lines_money_format_and_signature_lines()
    {
        var m = await Merger();
        var reports = UnitReports.Select(r => (Unit(m.East.Code, r, "format=xlsx"), Title(r), Unit: $"填报单位：东村（{m.East.Code}）"))
            .Append(($"/api/reforms/{m.ReformId}/reconciliation?format=xlsx", "对账报告", Unit: "填报单位："));
        foreach (var (url, title, unit) in reports)
        {
            var xlsx = (await _api.Download(url)).Body;
            var cells = new MemoryStream(xlsx).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
            (cells[0]["A"] as string).ShouldStartWith(title, customMessage: url);
            (cells[1]["A"] as string).ShouldStartWith(unit, customMessage: url);
            cells[1].Values.ShouldContain("单位：元", url);
            (cells[2]["A"] as string ?? "").ShouldMatch(@"^基准日：\d{4}年\d{1,2}月\d{1,2}日$", url);
            var signers = url.Contains("/handover") ? new[] { "移交人：", "接收人：", "监交人：" } : ["单位负责人：", "会计：", "制表人："];
            cells.Last().Values.OfType<string>().ShouldBe(signers, url);

            using var zip = new ZipArchive(new MemoryStream(xlsx));
            var styles = Part(zip, "xl/styles.xml");
            var sheet = Part(zip, "xl/worksheets/sheet1.xml");
            sheet.Descendants(Main + "pageSetup").Single().Attribute("paperSize")!.Value.ShouldBe("9", "A4");
            Part(zip, "xl/workbook.xml").Descendants(Main + "definedName").First(d => d.Attribute("name")!.Value == "_xlnm.Print_Titles").Value.ShouldEndWith("!$4:$4");
            sheet.Descendants(Main + "cfRule").Single().Element(Main + "formula")!.Value.ShouldContain("合计");
            styles.Descendants(Main + "dxf").Single().Descendants(Main + "b").ShouldNotBeEmpty("the 合计 lines are bold");
            var moneyStyles = styles.Descendants(Main + "cellXfs").Single().Elements(Main + "xf").Select((xf, i) => (xf, i))
                .Where(x => x.xf.Attribute("numFmtId")!.Value == "164").Select(x => x.i.ToString()).ToList();
            styles.Descendants(Main + "numFmt").Single(f => f.Attribute("numFmtId")!.Value == "164").Attribute("formatCode")!.Value.ShouldBe("#,##0.00");
            sheet.Descendants(Main + "c").Where(c => c.Element(Main + "v") is not null && moneyStyles.Contains(c.Attribute("s")?.Value ?? ""))
                .ShouldNotBeEmpty($"{url}: money cells carry #,##0.00");
        }
    }

    private static string Title(string report) => report switch
    {
        "catalog" => "账册目录",
        "summary" => "清产核资汇总表",
        "debts" => "债权债务清单",
        _ => "移交清册",
    };

    private static XDocument Part(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }

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
