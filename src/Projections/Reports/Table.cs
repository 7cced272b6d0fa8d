namespace Sanzi.Projections.Reports;

/// <summary>How a column's cells are written: text as is, money to the fen, a quantity or an area as it is.</summary>
public enum CellKind
{
    Text,
    Money,
    Number,
}

public sealed record Column(string Header, CellKind Kind = CellKind.Text);

/// <summary>One table of a report as the CSV and Excel downloads show it: Chinese headers and plain cells.</summary>
public sealed record Table(string Name, IReadOnlyList<Column> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>A report that can be downloaded: its JSON is the report itself, its CSV and Excel are these tables.</summary>
public interface IReport
{
    /// <summary>The download's file name without extension, e.g. <c>账册目录-360702101201</c>.</summary>
    string FileName();

    IReadOnlyList<Table> Tables();
}
