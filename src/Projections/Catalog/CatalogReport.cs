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
    Ownership Ownership);

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

    public string FileName() => $"账册目录-{UnitCode}-{BookOf.ChineseName(Book)}";

    public Filing Filing() => new("账册目录", $"{UnitName}（{UnitCode}）", Reports.Filing.Day(AsOf), Reports.Filing.UnitSigners);

    public IReadOnlyList<Table> Tables() =>
    [
        new("账册目录",
        [
            new("编号"), new("名称"), new("三资类别"), new("类别"), new("规格型号"), new("数量", CellKind.Number), new("计量单位"), new("坐落"),
            new("保管人"), new("原值", CellKind.Money), new("累计折旧", CellKind.Money), new("账面净值", CellKind.Money),
            new("核实数", CellKind.Money), new("差额", CellKind.Money), new("差异原因"), new("权属证书"), new("抵押承包租赁"), new("状态"),
            new("账套"),
        ],
        Items.Select(i => new object?[]
        {
            i.ItemCode, i.Name, Texts.Kind(i.Kind), i.CategoryName, i.Specification, i.Quantity, i.MeasureUnit, i.Location, i.Keeper,
            i.OriginalValue, i.AccumulatedDepreciation, i.NetValue, i.VerifiedValue, i.Difference, i.Reason, i.TitleDocument, i.Encumbrance,
            i.StatusText, BookOf.ChineseName(i.Ownership),
        }).ToList()),
    ];
}
