namespace Sanzi.Ledger.Imports;

/// <summary>One data row of a spreadsheet: its row number as the spreadsheet shows it, and its cells by Chinese header.</summary>
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string header] =>
        Cells.TryGetValue(header, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>Why one row can't be imported: its row number, the column by its Chinese header, and the rule it breaks.</summary>
public sealed record RowProblem(int Row, string Column, string Rule)
{
    /// <summary>The key under which a 400 ProblemDetails lists it, e.g. <c>第3行 原值</c>.</summary>
    public string Field => $"第{Row}行 {Column}";
}

/// <summary>A column of an import table: its Chinese header, the command field it fills, and what people may write in it.</summary>
public sealed record Column(string Header, string Field, bool Required, string Hint);
