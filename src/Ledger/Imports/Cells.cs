using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Sanzi.Ledger.Imports;

/// <summary>
/// Reads the cells of one row as the command's fields, collecting a problem for every cell that doesn't
/// parse; what is missing or out of range is left to the command's own rules, so the import and the API
/// refuse the same things.
/// </summary>
public sealed class Cells(ImportRow row)
{
    private static readonly LocalDatePattern[] DatePatterns =
    [
        LocalDatePattern.Iso, LocalDatePattern.CreateWithInvariantCulture("yyyy/M/d"),
        LocalDatePattern.CreateWithInvariantCulture("yyyy'年'M'月'd'日'"), LocalDatePattern.CreateWithInvariantCulture("yyyy.M.d"),
    ];

    public List<RowProblem> Problems { get; } = [];

    public int Row => row.Number;

    public string? Text(string header) => row[header];

    public decimal? Number(string header)
    {
        if (row[header] is not { } text) return null;
        if (decimal.TryParse(text.Replace(",", "").Replace("，", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            return value;
        Problems.Add(new RowProblem(row.Number, header, $"'{text}' is not a number"));
        return null;
    }

    public LocalDate? Date(string header)
    {
        if (row[header] is not { } text) return null;
        foreach (var pattern in DatePatterns)
            if (pattern.Parse(text) is { Success: true } parsed) return parsed.Value;
        Problems.Add(new RowProblem(row.Number, header, $"'{text}' is not a date like 2019-05-01 or 2019年5月1日"));
        return null;
    }

    /// <summary>A choice written in Chinese (or as the API's English name).</summary>
    public T? Choice<T>(string header, IReadOnlyDictionary<T, string> chinese) where T : struct, Enum
    {
        if (row[header] is not { } text) return null;
        // The Chinese word first: it is what a register holds, and the API's name is built anew on each call.
        foreach (var (value, name) in chinese)
            if (name == text) return value;
        foreach (var value in chinese.Keys)
            if (Common.ApiNames.Name(value) == text) return value;
        Problems.Add(new RowProblem(row.Number, header, $"must be one of: {string.Join("、", chinese.Values)}"));
        return null;
    }
}
