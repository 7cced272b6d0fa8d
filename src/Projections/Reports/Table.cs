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

/// <summary>
/// What a report filed on paper carries above and below its tables, as the national 清产核资 forms have it: the
/// title, the reporting unit (填报单位) with its code, the snapshot date and the people who sign.
/// </summary>
public sealed record Filing(string Title, string Unit, string? Date, IReadOnlyList<string> Signers)
{
    /// <summary>单位负责人, 会计, 制表人: who signs a report a unit files.</summary>
    public static readonly IReadOnlyList<string> UnitSigners = ["单位负责人", "会计", "制表人"];

    /// <summary>The day the books are shown as of, in Chinese: a business date as it is, an instant as its Beijing day.</summary>
    public static string? Day(string? asOf) =>
        asOf is null ? null
        : NodaTime.Text.LocalDatePattern.Iso.Parse(asOf) is { Success: true } date ? Texts.Date(date.Value)
        : NodaTime.Text.InstantPattern.ExtendedIso.Parse(asOf) is { Success: true } instant ? Texts.Date(instant.Value.InZone(Ledger.Common.Stamp.Zone).Date)
        : asOf;
}

/// <summary>A report that can be downloaded: its JSON is the report itself, its CSV, Excel and printable page are these tables.</summary>
public interface IReport
{
    /// <summary>The download's file name without extension, e.g. <c>账册目录-360702101201</c>.</summary>
    string FileName();

    IReadOnlyList<Table> Tables();

    Filing Filing();
}

/// <summary>Where a report line's cells go, one by one (a table row, or the CSV being written).</summary>
public interface ICells
{
    void Text(string? value);

    void Number(decimal value, CellKind kind);
}
