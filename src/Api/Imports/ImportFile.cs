using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Imports;

namespace Sanzi.Api.Imports;

/// <summary>
/// A register as a county sends it: a CSV (UTF-8, with or without BOM) or an .xlsx workbook (first sheet),
/// its first row the Chinese headers. Row numbers are the spreadsheet's own, the header being row 1.
/// </summary>
public sealed record ImportFile(IReadOnlyList<string> Headers, IReadOnlyList<ImportRow> Rows)
{
    public static ImportFile Read(byte[] content)
    {
        if (content.Length == 0) throw Refused.Invalid("file", "is empty");
        try
        {
            // An .xlsx is a zip archive, whatever the file is called.
            return content is [(byte)'P', (byte)'K', ..] ? Excel(content) : Csv(content);
        }
        catch (Exception e) when (e is not Refused)
        {
            throw Refused.Invalid("file", $"is neither a readable CSV nor an .xlsx workbook ({e.Message})");
        }
    }

    /// <summary>The register the headers belong to: the one named, or else the one whose required headers are all there.</summary>
    public TableSpec Table(string? named)
    {
        var spec = named is not null ? Tables.Named(named) : Tables.Recognise(Headers)
            ?? throw Refused.Invalid("table", $"is not given and the headers match no register; download a template from /api/imports/templates/{{table}} ({ApiNames.List<ImportTable>()})");
        var missing = spec.Columns.Where(c => c.Required && !Headers.Contains(c.Header)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
            throw Refused.Invalid("file", $"lacks the {spec.Title} column(s) {string.Join("、", missing)} in its header row");
        return spec;
    }

    private static ImportFile Csv(byte[] content)
    {
        using var csv = CsvReader.Create(content, CsvReaderOptions.Default with { TrackLineNumbers = true });
        var headers = csv.Headers.Select(h => h.Trim()).ToList();
        var rows = new List<ImportRow>();
        while (csv.Read())
        {
            var cells = new Dictionary<string, string?>(headers.Count);
            for (var i = 0; i < Math.Min(csv.FieldCount, headers.Count); i++) cells[headers[i]] = csv.GetString(i);
            if (cells.Values.Any(v => !string.IsNullOrWhiteSpace(v))) rows.Add(new ImportRow((int)csv.LineNumber, cells));
        }

        return new ImportFile(headers, rows);
    }

    private static ImportFile Excel(byte[] content)
    {
        using var stream = new MemoryStream(content);
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        stream.Position = 0;
        var headers = stream.GetColumns(useHeaderRow: true).Select(h => h.Trim()).ToList();
        var rows = sheet
            .Select((cells, i) => new ImportRow(i + 2, cells.ToDictionary(c => c.Key.Trim(), c => Text(c.Value))))
            .Where(r => r.Cells.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            .ToList();
        return new ImportFile(headers, rows);
    }

    /// <summary>Excel keeps numbers as doubles and dates as numbers with a format: both back to the text a person typed.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n => ((decimal)n).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
