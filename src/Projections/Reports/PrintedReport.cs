using System.Globalization;
using System.Net;
using System.Text;

namespace Sanzi.Projections.Reports;

/// <summary>
/// A report as a page to print and file (打印版), laid out like the national 清产核资 tables: the title, 填报单位 with
/// its code, the snapshot date, 单位：元, money as 1,234.50, totals in bold, the signature lines; A4 landscape, with
/// each table's header row repeated on every printed page.
/// </summary>
public static class PrintedReport
{
    private const string Style = """
        @page { size: A4 landscape; margin: 14mm 12mm; }
        body { font-family: "SimSun", "Songti SC", "WenQuanYi Micro Hei", serif; font-size: 10.5pt; color: #000; margin: 0 auto; max-width: 277mm; }
        h1 { text-align: center; font-size: 18pt; letter-spacing: 0.3em; margin: 0 0 8px; }
        h2 { font-size: 11pt; margin: 14px 0 4px; }
        .filing { display: flex; justify-content: space-between; margin: 6px 0; }
        table { border-collapse: collapse; width: 100%; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; }
        th, td { border: 1px solid #000; padding: 3px 5px; }
        th { font-weight: bold; text-align: center; }
        td.number { text-align: right; white-space: nowrap; }
        tr.total td { font-weight: bold; }
        .signatures { display: flex; justify-content: space-between; margin-top: 28px; }
        .signatures span { min-width: 22%; }
        """;

    /// <param name="today">The snapshot date a report of now is filed with.</param>
    public static ReportFile Render(IReport report, NodaTime.LocalDate today)
    {
        var filing = report.Filing();
        var tables = report.Tables();
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(Text($"{filing.Title} {filing.Unit}"))
            .Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<h1>").Append(Text(filing.Title)).Append("</h1>")
            .Append("<div class=\"filing\"><span>填报单位：").Append(Text(filing.Unit)).Append("</span><span>基准日：")
            .Append(Text(filing.Date ?? Texts.Date(today)!)).Append("</span><span>单位：元</span></div>");
        foreach (var table in tables)
        {
            if (tables.Count > 1) html.Append("<h2>").Append(Text(table.Name)).Append("</h2>");
            html.Append("<table><thead><tr>");
            foreach (var column in table.Columns) html.Append("<th>").Append(Text(column.Header)).Append("</th>");
            html.Append("</tr></thead><tbody>");
            foreach (var row in table.Rows)
            {
                html.Append(IsTotal(row) ? "<tr class=\"total\">" : "<tr>");
                for (var i = 0; i < row.Length; i++)
                    html.Append(row[i] is decimal or int ? "<td class=\"number\">" : "<td>").Append(Text(Cell(row[i], table.Columns[i].Kind))).Append("</td>");
                html.Append("</tr>");
            }
            html.Append("</tbody></table>");
        }
        html.Append("<div class=\"signatures\">");
        foreach (var signer in filing.Signers) html.Append("<span>").Append(Text(signer)).Append("：</span>");
        html.Append("</div></body></html>");
        return new ReportFile(Encoding.UTF8.GetBytes(html.ToString()), "text/html; charset=utf-8", report.FileName() + ".html");
    }

    /// <summary>A total or subtotal line (货币资金合计, 总计) is printed in bold, as the paper forms have it.</summary>
    public static bool IsTotal(object?[] row) => row.OfType<string>().Any(c => c.EndsWith("合计", StringComparison.Ordinal) || c is "总计" or "资产总计");

    private static string Cell(object? value, CellKind kind) => value switch
    {
        decimal d when kind == CellKind.Money => d.ToString("#,##0.00", CultureInfo.InvariantCulture),
        decimal d => d.ToString("#,##0.####", CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        null => "",
        _ => value.ToString() ?? "",
    };

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
