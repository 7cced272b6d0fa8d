using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Catalog;

/// <summary>One line of the catalog; <see cref="Status"/> is inUse, disposed, missing or handedOver (to whom, on which day).</summary>
public sealed record CatalogLine(
    Guid ItemId,
    string ItemCode,
    string Name,
    ItemKind Kind,
    string Category,
    string CategoryName,
    string? Specification,
    decimal Quantity,
    string MeasureUnit,
    string? Location,
    string? Keeper,
    decimal OriginalValue,
    decimal AccumulatedDepreciation,
    decimal NetValue,
    decimal VerifiedValue,
    decimal Difference,
    string? Reason,
    string? TitleDocument,
    string? Encumbrance,
    string Status,
    string StatusText,
    string? HandedOverTo,
    LocalDate? HandedOverOn,
    Ownership Ownership) : ICatalogLine;

/// <summary>
/// The asset catalog (账册目录) of a unit: every item its books list or listed, with what became of it. Values
/// are summed by category in the summary, not here, where assets, funds and debts stand side by side.
/// </summary>
public sealed record CatalogReport(
    string UnitCode,
    string UnitName,
    string? AsOf,
    Instant? KnownAt,
    int ItemsInBooks,
    int ItemsHandedOver,
    int ItemsDisposed,
    IReadOnlyList<CatalogLine> Items,
    Ownership Book) : IReport
{
    public static CatalogReport Build(UnitRecords records)
    {
        var lines = records.Lines.Select(l => Line(l, records)).ToList();
        return new CatalogReport(records.Unit.Code, records.Unit.Name, records.Time.AsOf, records.Time.KnownAt, records.Lines.Count(l => l.InBooks),
            lines.Count(l => l.Status == "handedOver"), lines.Count(l => l.Status == "disposed"), lines, records.Book);
    }

    private static CatalogLine Line(UnitLine line, UnitRecords records)
    {
        var item = line.Item;
        var to = line.Transfer?.ToUnit;
        return new CatalogLine(item.Id, item.ItemCode, item.Name, item.Kind, item.Category, item.CategoryName, item.Specification, item.Quantity,
            item.MeasureUnit, item.Location, item.Keeper, item.OriginalValue, item.AccumulatedDepreciation, item.BookValue, item.VerifiedValue,
            item.VerifiedValue - item.BookValue, item.Count?.Reason, item.TitleDocument, Encumbrance(item.Contract?.Number, item.Contract?.From,
                item.Contract?.To), line.Status, StatusText(line.Status, to, records.NameOf), to, line.Transfer?.On, item.Ownership);
    }

    /// <summary>The status of an item still in the unit's books, as <see cref="UnitLine.Status"/> names it.</summary>
    public static string StatusOf(ItemStatus status) => status switch
    {
        ItemStatus.Disposed => "disposed",
        ItemStatus.Missing => "missing",
        _ => "inUse",
    };

    public static string StatusText(string status, string? to, Func<string, string> nameOf) => status switch
    {
        "handedOver" => $"移交至 {nameOf(to!)}（{to}）",
        "disposed" => "已处置",
        "missing" => "盘亏（未见实物）",
        _ => "在用",
    };

    /// <summary>承包/租赁 and its contract, for a resource under one.</summary>
    public static string? Encumbrance(string? number, LocalDate? from, LocalDate? to) =>
        number is null ? null : $"承包/租赁 {number} {Texts.Date(from)}至{Texts.Date(to)}";

    public string FileName() => FileNameOf(UnitCode, Book);

    public static string FileNameOf(string unitCode, Ownership book) => $"账册目录-{unitCode}-{BookOf.ChineseName(book)}";

    public Filing Filing() => new("账册目录", $"{UnitName}（{UnitCode}）", Reports.Filing.Day(AsOf), Reports.Filing.UnitSigners);

    public IReadOnlyList<Table> Tables() =>
    [
        new("账册目录", Columns, Items.Select(i =>
        {
            var cells = new Row();
            Cells(i, ref cells);
            return cells.Values.ToArray();
        }).ToList()),
    ];

    /// <summary>The catalog's columns as the downloads print them.</summary>
    public static readonly IReadOnlyList<Column> Columns =
    [
        new("编号"), new("名称"), new("三资类别"), new("类别"), new("规格型号"), new("数量", CellKind.Number), new("计量单位"), new("坐落"),
        new("保管人"), new("原值", CellKind.Money), new("累计折旧", CellKind.Money), new("账面净值", CellKind.Money),
        new("核实数", CellKind.Money), new("差额", CellKind.Money), new("差异原因"), new("权属证书"), new("抵押承包租赁"), new("状态"),
        new("账套"),
    ];

    /// <summary>
    /// A line's cells under <see cref="Columns"/>, handed one by one to a sink: the table rows of the printed page and the
    /// workbook collect them, the streamed CSV writes them as they come, so the columns are said once.
    /// </summary>
    public static void Cells<TLine, TSink>(in TLine i, ref TSink cells) where TLine : ICatalogLine where TSink : ICells
    {
        cells.Text(i.ItemCode);
        cells.Text(i.Name);
        cells.Text(Texts.Kind(i.Kind));
        cells.Text(i.CategoryName);
        cells.Text(i.Specification);
        cells.Number(i.Quantity, CellKind.Number);
        cells.Text(i.MeasureUnit);
        cells.Text(i.Location);
        cells.Text(i.Keeper);
        cells.Number(i.OriginalValue, CellKind.Money);
        cells.Number(i.AccumulatedDepreciation, CellKind.Money);
        var (book, verified) = (i.NetValue, i.VerifiedValue);
        cells.Number(book, CellKind.Money);
        cells.Number(verified, CellKind.Money);
        cells.Number(verified - book, CellKind.Money);
        cells.Text(i.Reason);
        cells.Text(i.TitleDocument);
        cells.Text(i.Encumbrance);
        cells.Text(i.StatusText);
        cells.Text(BookOf.ChineseName(i.Ownership));
    }

    /// <summary>Cells collected as a table row.</summary>
    private struct Row() : ICells
    {
        public List<object?> Values { get; } = new(Columns.Count);

        public void Text(string? value) => Values.Add(value);

        public void Number(decimal value, CellKind kind) => Values.Add(value);
    }
}

/// <summary>What a catalog line prints, whether a <see cref="CatalogLine"/> or a line read as it is streamed.</summary>
public interface ICatalogLine
{
    string ItemCode { get; }
    string Name { get; }
    ItemKind Kind { get; }
    string CategoryName { get; }
    string? Specification { get; }
    decimal Quantity { get; }
    string MeasureUnit { get; }
    string? Location { get; }
    string? Keeper { get; }
    decimal OriginalValue { get; }
    decimal AccumulatedDepreciation { get; }
    decimal NetValue { get; }
    decimal VerifiedValue { get; }
    string? Reason { get; }
    string? TitleDocument { get; }
    string? Encumbrance { get; }
    string StatusText { get; }
    Ownership Ownership { get; }
}
