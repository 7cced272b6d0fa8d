using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using MiniExcelLibs;
using NodaTime;

namespace Sanzi.Projections.Reports;

/// <summary>A report as a file to download: its bytes, content type and name.</summary>
public sealed record ReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>The downloads of every report, in one place: a CSV and an Excel workbook with Chinese headers (the JSON is the report itself).</summary>
public static partial class ReportFiles
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Zip entries carry a time; a fixed one makes the same report the same bytes, whenever it is rendered.</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ReportFile Csv(IReport report) => new(CsvBytes(report), "text/csv; charset=utf-8", report.FileName() + ".csv");

    /// <param name="today">The snapshot date a report of now is filed with.</param>
    public static ReportFile Excel(IReport report, LocalDate today) => new(ExcelBytes(report, today), Xlsx, report.FileName() + ".xlsx");

    /// <summary>
    /// UTF-8 with a byte-order mark, so Excel opens the Chinese right; a report of several tables writes each
    /// under its name, after a blank line. Text that a spreadsheet would run as a formula is escaped.
    /// </summary>
    private static byte[] CsvBytes(IReport report)
    {
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, ValidateFieldCount = false, Injection = CsvInjection.Escape };
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
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

    /// <summary>The row of the templates' column headers; each table's rows start below it.</summary>
    public const int TemplateHeaderRow = 4;

    /// <summary>The embedded template of a report type, made by <c>eng/ReportTemplates</c>.</summary>
    public static string TemplateName(Type report) => report.Name + ".xlsx";

    /// <summary>The name a template gives the rows of a report's table <paramref name="table"/>: <c>t0</c>, <c>t1</c>, ….</summary>
    public static string TemplateCollection(int table) => $"t{table}";

    /// <summary>
    /// The report's designed template (one sheet per table, laid out like the national forms) filled by MiniExcel:
    /// the unit, the snapshot date (<paramref name="today"/> when the report is of now), and each table's rows,
    /// numbers as numbers so that the template's formats apply.
    /// </summary>
    private static byte[] ExcelBytes(IReport report, LocalDate today)
    {
        var filing = report.Filing();
        var value = new Dictionary<string, object?> { ["unit"] = filing.Unit, ["date"] = filing.Date ?? Texts.Date(today) };
        foreach (var (table, i) in report.Tables().Select((t, i) => (t, i)))
            value[TemplateCollection(i)] = table.Rows.Select(row =>
                row.Select((cell, c) => KeyValuePair.Create($"c{c}", Cell(cell, table.Columns[c].Kind))).ToDictionary()).ToList();
        using var raw = new MemoryStream();
        raw.SaveAsByTemplate(Template(report.GetType()), value);
        return Stable(raw.ToArray());
    }

    private static byte[] Template(Type report)
    {
        using var resource = typeof(ReportFiles).Assembly.GetManifestResourceStream($"Sanzi.Projections.Reports.Templates.{TemplateName(report)}")
                             ?? throw new InvalidOperationException($"No Excel template for {report.Name}: run eng/ReportTemplates.");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// The same report must be the same bytes whenever it is rendered, and MiniExcel writes the clock into the
    /// zip entries and a fresh GUID into each sheet's relationship id; this rewrites both, the ids in order of appearance.
    /// </summary>
    private static byte[] Stable(byte[] workbook)
    {
        using var source = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        var parts = source.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return (e.FullName, Text: reader.ReadToEnd());
        }).ToList();
        var ids = new Dictionary<string, string>();
        foreach (var (_, text) in parts)
        foreach (Match m in RandomRelationshipId().Matches(text))
            ids.TryAdd(m.Value, $"rIdSheet{ids.Count + 1}");

        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in parts)
            {
                // Fastest: this second compression of the whole workbook was most of an xlsx's cost beyond the CSV's.
                var entry = target.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = EntryTime;
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(RandomRelationshipId().Replace(text, m => ids[m.Value]));
            }
        }

        return output.ToArray();
    }

    [GeneratedRegex("\\bR[0-9a-f]{32}\\b")]
    private static partial Regex RandomRelationshipId();

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

    private static object? Cell(object? value, CellKind kind) => value is decimal d && kind == CellKind.Money ? decimal.Round(d, 2) : value;
}
