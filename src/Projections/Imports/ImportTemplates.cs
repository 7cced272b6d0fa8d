using System.Text;
using MiniExcelLibs;
using Sanzi.Ledger.Imports;

namespace Sanzi.Projections.Imports;

/// <summary>
/// The empty register a county fills in: the Chinese header row as CSV (UTF-8 with BOM, so Excel shows the
/// Chinese right), or as an .xlsx whose second sheet (填表说明) says which columns are required and what they take.
/// </summary>
public static class ImportTemplates
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(TableSpec spec) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(',', spec.Columns.Select(c => c.Header)) + "\r\n")];

    public static byte[] Xlsx(TableSpec spec)
    {
        // The header row is written as a row of values, so that a register with no rows yet still has its headers.
        var headerRow = spec.Columns.ToDictionary(c => c.Header, object? (c) => c.Header);
        var guide = spec.Columns.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["列名"] = c.Header, ["是否必填"] = c.Required ? "必填" : "选填", ["填写说明"] = c.Hint,
        }).ToList();
        var sheets = new Dictionary<string, object>
        {
            [spec.Title] = new[] { (IDictionary<string, object?>)headerRow },
            ["填表说明"] = guide,
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
