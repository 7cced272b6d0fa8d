using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Sanzi.Projections.Reports;

/// <summary>
/// A report's designed template (one sheet per table, laid out like the national forms, made by <c>eng/ReportTemplates</c>)
/// filled by writing each sheet's XML straight into its zip entry: the rows above the data row as the template has them,
/// one row per table row with the data row's cell styles (so the template's formats apply: money #,##0.00), then the
/// template's rows below (the signature line) moved down. The unit and the snapshot date go into the template's shared
/// strings. Filling it through a general template engine cost three times the CSV; this writes each cell once. The same
/// report is the same bytes whenever it is rendered (the parts' times are fixed, nothing random is written).
/// </summary>
public static partial class Workbook
{
    /// <summary>Zip entries carry a time; a fixed one makes the same report the same bytes.</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ConcurrentDictionary<Type, Template> Templates = new();

    public static byte[] Fill(IReport report, string date)
    {
        var template = Templates.GetOrAdd(report.GetType(), Template.Read);
        var filing = report.Filing();
        var tables = report.Tables();
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in template.Parts)
            {
                using var writer = Entry(zip, name);
                var sheet = template.Sheets.FirstOrDefault(s => s.Part == name);
                if (sheet is not null) sheet.Write(writer, tables[sheet.Table]);
                else if (name == SharedStrings) writer.Write(text.Replace("{{unit}}", Escape(filing.Unit)).Replace("{{date}}", Escape(date)));
                else writer.Write(text);
            }
        }
        return output.ToArray();
    }

    private const string SharedStrings = "xl/sharedStrings.xml";

    private static StreamWriter Entry(ZipArchive zip, string name)
    {
        // Fastest: an optimal compression of the sheets cost more than writing them.
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = EntryTime;
        return new StreamWriter(entry.Open(), new UTF8Encoding(false), 1 << 16);
    }

    /// <summary>The template's parts as text, and which of them are the sheets to fill.</summary>
    private sealed record Template(IReadOnlyList<(string Name, string Text)> Parts, IReadOnlyList<Sheet> Sheets)
    {
        public static Template Read(Type report)
        {
            using var resource = typeof(Workbook).Assembly.GetManifestResourceStream($"Sanzi.Projections.Reports.Templates.{ReportFiles.TemplateName(report)}")
                                 ?? throw new InvalidOperationException($"No Excel template for {report.Name}: run eng/ReportTemplates.");
            using var zip = new ZipArchive(resource, ZipArchiveMode.Read);
            var parts = zip.Entries.Select(e =>
            {
                using var reader = new StreamReader(e.Open(), Encoding.UTF8);
                return (e.FullName, reader.ReadToEnd());
            }).ToList();
            var sheets = parts.Select(p => SheetPart().Match(p.FullName) is { Success: true } m ? Sheet.Parse(p.FullName, int.Parse(m.Groups[1].Value) - 1, p.Item2) : null)
                .OfType<Sheet>().ToList();
            return new Template(parts, sheets);
        }
    }

    /// <summary>
    /// One sheet of the template cut at its data row: what comes before (its dimension to be set), the data row's cells
    /// (column and style, one per column of the table), and the rows after it, which move down as the table grows.
    /// </summary>
    private sealed record Sheet(string Part, int Table, string Head, IReadOnlyList<(string Column, string Style)> Cells, string After, string Tail)
    {
        private const int DataRow = ReportFiles.TemplateHeaderRow + 1;

        public static Sheet Parse(string part, int table, string xml)
        {
            var row = Regex.Match(xml, $"<row r=\"{DataRow}\"[^>]*>(.*?)</row>");
            var cells = TemplateCell().Matches(row.Groups[1].Value).Select(c => (c.Groups[1].Value, c.Groups[2].Value)).ToList();
            var end = xml.IndexOf("</sheetData>", StringComparison.Ordinal);
            var after = row.Index + row.Length;
            return new Sheet(part, table, xml[..row.Index], cells, xml[after..end], xml[end..]);
        }

        public void Write(StreamWriter w, Table table)
        {
            var shift = table.Rows.Count - 1;
            var last = Rows().Matches(After).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(DataRow - 1).Max() + shift;
            w.Write(Dimension().Replace(Head, m => $"{m.Groups[1].Value}{Math.Max(last, ReportFiles.TemplateHeaderRow)}\""));
            for (var i = 0; i < table.Rows.Count; i++)
            {
                var r = (DataRow + i).ToString(CultureInfo.InvariantCulture);
                w.Write("<row r=\"");
                w.Write(r);
                w.Write("\">");
                var row = table.Rows[i];
                for (var c = 0; c < Cells.Count; c++) Cell(w, Cells[c], r, c < row.Length ? row[c] : null, table.Columns[c].Kind);
                w.Write("</row>");
            }
            w.Write(Rows().Replace(CellRefs().Replace(After, m => Moved(m, shift)), m => Moved(m, shift)));
            w.Write(Tail);
        }

        /// <summary>Numbers as numbers, so the template's formats apply (money rounded to the fen); text inline.</summary>
        private static void Cell(StreamWriter w, (string Column, string Style) cell, string row, object? value, CellKind kind)
        {
            w.Write("<c r=\"");
            w.Write(cell.Column);
            w.Write(row);
            w.Write("\" s=\"");
            w.Write(cell.Style);
            var number = value switch
            {
                decimal d => (kind == CellKind.Money ? decimal.Round(d, 2) : d).ToString(CultureInfo.InvariantCulture),
                int n => n.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (number is not null)
            {
                w.Write("\"><v>");
                w.Write(number);
                w.Write("</v></c>");
            }
            else if (value?.ToString() is { Length: > 0 } text)
            {
                w.Write("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                w.Write(Escape(text));
                w.Write("</t></is></c>");
            }
            else w.Write("\"/>");
        }

        private static string Moved(Match m, int shift) =>
            m.Groups[0].Value[..(m.Groups[1].Index - m.Index)] + (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + shift).ToString(CultureInfo.InvariantCulture) + "\"";
    }

    /// <summary>Text as XML character data; control characters a sheet cannot hold are written as Excel writes them, <c>_xHHHH_</c>.</summary>
    private static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAny(Special)) return text;
        var s = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
            s.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\t' or '\n' or '\r' => ch.ToString(),
                < ' ' => $"_x{(int)ch:X4}_",
                _ => ch.ToString(),
            });
        return s.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Special =
        System.Buffers.SearchValues.Create("&<>\"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    [GeneratedRegex(@"^xl/worksheets/sheet(\d+)\.xml$")]
    private static partial Regex SheetPart();

    [GeneratedRegex("<c r=\"([A-Z]+)\\d+\" s=\"(\\d+)\"")]
    private static partial Regex TemplateCell();

    [GeneratedRegex("(<dimension ref=\"[A-Z]+\\d+:[A-Z]+)\\d+\"")]
    private static partial Regex Dimension();

    [GeneratedRegex("<row r=\"(\\d+)\"")]
    private static partial Regex Rows();

    [GeneratedRegex("<c r=\"[A-Z]+(\\d+)\"")]
    private static partial Regex CellRefs();
}
