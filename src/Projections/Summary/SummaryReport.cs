using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Summary;

/// <summary>
/// One row of the summary: a section (货币资金, 资产, 资源, 债权, 债务, 资产负债, 盘盈盘亏), what it counts,
/// and book against verified value. <see cref="Quantity"/> is the area in 亩 for resources.
/// </summary>
public sealed record SummaryLine(
    string Section,
    string Item,
    int Count,
    decimal? Quantity,
    decimal? BookValue,
    decimal? VerifiedValue,
    decimal? Difference);

/// <summary>
/// The clear-account summary (清产核资汇总表) of a unit, shaped after the national tables: funds, assets by
/// category, resources by land type with their areas, claims and liabilities, the balance-sheet rows book
/// against verified, and the surplus (盘盈) and shortage (盘亏) of the count. Land is also reconciled by area per
/// land type (<see cref="Land"/>). It covers what the unit's books hold, or held when it handed them over; items
/// disposed of are out of the books.
/// </summary>
public sealed record SummaryReport(
    string UnitCode,
    string UnitName,
    string? AsOf,
    Instant? KnownAt,
    LocalDate? SnapshotDate,
    IReadOnlyList<SummaryLine> Lines,
    IReadOnlyList<LandLine> Land,
    Ownership Book) : IReport
{
    public static SummaryReport Build(UnitRecords records)
    {
        var items = records.Lines.Where(l => l.HandedOver || l.Item.IsInBooks).Select(l => l.Item).ToList();
        var lines = new List<SummaryLine>();
        foreach (var (kind, section) in Sections)
        {
            var ofKind = items.Where(i => i.Kind == kind).ToList();
            lines.AddRange(ofKind.GroupBy(i => i.CategoryName).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Line(section, g.Key, g.ToList(), kind == ItemKind.Resource)));
            lines.Add(Line(section, $"{section}合计", ofKind, kind == ItemKind.Resource));
        }

        lines.AddRange(BalanceSheet.Rows(items));
        var surplus = items.Where(i => i.FoundAtCount).ToList();
        var missing = items.Where(i => i.Status == Ledger.Items.ItemStatus.Missing).ToList();
        lines.Add(new("盘盈盘亏", "盘盈", surplus.Count, null, 0m, surplus.Sum(i => i.VerifiedValue), surplus.Sum(i => i.VerifiedValue)));
        lines.Add(new("盘盈盘亏", "盘亏", missing.Count, null, missing.Sum(i => i.BookValue), 0m, -missing.Sum(i => i.BookValue)));
        return new SummaryReport(records.Unit.Code, records.Unit.Name, records.Time.AsOf, records.Time.KnownAt, records.Unit.Inventory?.SnapshotDate,
            lines, Reports.Land.ByType(items), records.Book);
    }

    private static readonly (ItemKind Kind, string Section)[] Sections =
    [
        (ItemKind.Fund, "货币资金"), (ItemKind.Asset, "资产"), (ItemKind.Resource, "资源"), (ItemKind.Claim, "债权"), (ItemKind.Liability, "债务"),
    ];

    private static SummaryLine Line(string section, string name, IReadOnlyList<Ledger.Items.Item> items, bool area)
    {
        var book = items.Sum(i => i.BookValue);
        var verified = items.Sum(i => i.VerifiedValue);
        return new SummaryLine(section, name, items.Count, area ? items.Sum(i => i.Quantity) : null, book, verified, verified - book);
    }

    public string FileName() => $"清产核资汇总表-{UnitCode}-{BookOf.ChineseName(Book)}";

    public Filing Filing() =>
        new("清产核资汇总表", $"{UnitName}（{UnitCode}）", Texts.Date(SnapshotDate) ?? Reports.Filing.Day(AsOf), Reports.Filing.UnitSigners);

    public IReadOnlyList<Table> Tables() =>
    [
        new("清产核资汇总表",
        [
            new("表"), new("项目"), new("项数", CellKind.Number), new("面积(亩)", CellKind.Number), new("账面数", CellKind.Money),
            new("核实数", CellKind.Money), new("差额", CellKind.Money),
        ],
        Lines.Select(l => new object?[] { l.Section, l.Item, l.Count, l.Quantity, l.BookValue, l.VerifiedValue, l.Difference }).ToList()),
        Reports.Land.Table(Land),
    ];
}
