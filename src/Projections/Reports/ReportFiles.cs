using CsvHelper;
using NodaTime;

namespace Sanzi.Projections.Reports;

/// <summary>A report as a file to download: its bytes, content type and name.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>The downloads of every report, in one place: a CSV and an Excel workbook with Chinese headers (the JSON is the report itself).</summary>
public static class ReportFiles
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string CsvType = "text/csv; charset=utf-8";

    public static ReportFile Csv(IReport report) => new(CsvBytes(report), CsvType, report.FileName() + ".csv");

    /// <param name="today">The snapshot date a report of now is filed with.</param>
    public static ReportFile Excel(IReport report, LocalDate today) => new(ExcelBytes(report, today), Xlsx, report.FileName() + ".xlsx");

    /// <summary>
    /// UTF-8 with a byte-order mark, so Excel opens the Chinese right; a report of several tables writes each
    /// under its name, after a blank line. Text that a spreadsheet would run as a formula is escaped.
    /// </summary>
    private static byte[] CsvBytes(IReport report)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvOf(stream))
        {
            var tables = report.Tables();
            foreach (var table in tables)
            {
                if (tables.Count > 1)
                {
                    if (table != tables[0]) csv.WriteRecord([""]);
                    csv.WriteRecord([table.Name]);
                }

                csv.WriteRecord(table.Columns.Select(c => c.Header).ToArray());
                foreach (var row in table.Rows)
                {
                    for (var i = 0; i < row.Length; i++) Write(csv, row[i], table.Columns[i].Kind);
                    csv.EndRecord();
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>The CSV writer of every download, on <paramref name="stream"/>, which it leaves open.</summary>
    public static CsvWriter CsvOf(Stream stream) => CsvWriter.Create(stream,
        CsvWriterOptions.Default with { WriteByteOrderMark = true, ValidateFieldCount = false, Injection = CsvInjection.Escape }, leaveOpen: true);

    /// <summary>A line's cells written straight into the CSV, as <see cref="Write"/> writes a table row's.</summary>
    public readonly struct CsvCells(CsvWriter csv) : ICells
    {
        public void Text(string? value) => csv.WriteField(value);

        public void Number(decimal value, CellKind kind) => Write(csv, value, kind);
    }

    /// <summary>The row of the templates' column headers; each table's rows start below it.</summary>
    public const int TemplateHeaderRow = 4;

    /// <summary>The embedded template of a report type, made by <c>eng/ReportTemplates</c>.</summary>
    public static string TemplateName(Type report) => report.Name + ".xlsx";

    /// <summary>The name a template gives the rows of a report's table <paramref name="table"/>: <c>t0</c>, <c>t1</c>, ….</summary>
    public static string TemplateCollection(int table) => $"t{table}";

    /// <summary>The report's designed template filled (<see cref="Workbook"/>): the unit, the snapshot date (<paramref name="today"/> when the report is of now), each table's rows.</summary>
    private static byte[] ExcelBytes(IReport report, LocalDate today) => Workbook.Fill(report, report.Filing().Date ?? Texts.Date(today)!);

    /// <summary>Numbers go in as numbers, so that a negative difference is not mistaken for a formula and escaped.</summary>
    private static void Write(CsvWriter csv, object? value, CellKind kind)
    {
        switch (value)
        {
            case null: csv.WriteField((string?)null); break;
            case decimal d: csv.WriteField(d, kind == CellKind.Money ? "0.00" : "0.####"); break;
            case int n: csv.WriteField(n, default); break;
            default: csv.WriteField(value.ToString()); break;
        }
    }
}
