using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Reconciliation;

/// <summary>
/// Per unit and category: for an old unit, verified against handed over; for a new unit, handed over to it against
/// received. Land (资源) is compared by area in 亩 as well, since most parcels carry no value.
/// </summary>
public sealed record CategoryCheck(string UnitCode, string UnitName, ItemKind Kind, string Category, string CategoryName, decimal Expected,
    decimal Actual, decimal Difference, decimal? ExpectedArea, decimal? ActualArea, decimal? AreaDifference);

/// <summary>An item behind a difference of value or of area, with both figures and why they differ.</summary>
public sealed record ItemDifference(string UnitCode, Guid ItemId, string ItemCode, string Name, string CategoryName, decimal Expected, decimal Actual,
    decimal Difference, decimal? ExpectedArea, decimal? ActualArea, string Reason);

/// <summary>
/// The reconciliation (对账报告) of a reform for the finance bureau. For each old unit and category: the verified
/// total (核实数, as the count and its re-checks settled it) against the total handed over; for each new unit:
/// what the old units handed over to it against what it received. Every difference is traced to its items.
/// The reform is reconciled only when every old unit has handed over and every difference is zero.
/// </summary>
public sealed record ReconciliationReport(
    Guid ReformId,
    string Title,
    string? AsOf,
    Instant? KnownAt,
    bool AllHandedOver,
    bool Reconciled,
    IReadOnlyList<CategoryCheck> OldUnits,
    IReadOnlyList<CategoryCheck> NewUnits,
    IReadOnlyList<ItemDifference> Differences,
    Ownership Book) : IReport
{
    /// <summary>One item's two figures; the areas are set for land only.</summary>
    private sealed record Pair(string UnitCode, string UnitName, Item Item, decimal Expected, decimal Actual, decimal? ExpectedArea, decimal? ActualArea,
        string Reason)
    {
        public bool Differs => Expected != Actual || ExpectedArea != ActualArea;
    }

    public static ReconciliationReport Build(Reform reform, IReadOnlyList<UnitRecords> oldUnits, IReadOnlyList<UnitRecords> newUnits, ReportTime time,
        Ownership book)
    {
        var oldCodes = reform.Predecessors.Select(p => p.Code).ToHashSet();
        var handed = oldUnits.SelectMany(u => u.Lines.Where(l => l.CountedValue is not null || l.HandedOver)
            .Select(l => new Pair(u.Unit.Code, u.Unit.Name, l.Item, l.CountedValue ?? 0m, l.Transfer?.Value ?? 0m,
                Area(l.Item, l.CountedValue is null ? 0m : Land.VerifiedArea(l.Item)), Area(l.Item, l.Transfer?.HandedQuantity ?? 0m), HandoverReason(l))))
            .ToList();
        var received = newUnits.SelectMany(u => Received(u, oldCodes, oldUnits)).ToList();

        var differences = handed.Concat(received).Where(p => p.Differs)
            .Select(p => new ItemDifference(p.UnitCode, p.Item.Id, p.Item.ItemCode, p.Item.Name, p.Item.CategoryName, p.Expected, p.Actual,
                p.Actual - p.Expected, p.ExpectedArea, p.ActualArea, p.Reason))
            .ToList();
        var allHandedOver = oldUnits.All(u => u.Unit.IsClosed);
        return new ReconciliationReport(reform.Id, reform.Title, time.AsOf, time.KnownAt, allHandedOver, allHandedOver && differences.Count == 0,
            Checks(handed), Checks(received), differences, book);
    }

    private static decimal? Area(Item item, decimal area) => item.Kind == ItemKind.Resource ? area : null;

    /// <summary>What a new unit received from the reform's old units, paired with what they handed over to it.</summary>
    private static IEnumerable<Pair> Received(UnitRecords unit, IReadOnlySet<string> oldCodes, IReadOnlyList<UnitRecords> oldUnits)
    {
        var code = unit.Unit.Code;
        var handedToIt = oldUnits.SelectMany(u => u.Lines).Where(l => l.Transfer?.ToUnit == code).ToDictionary(l => l.Item.Id);
        var receivedHere = unit.Lines
            .Select(l => (Line: l, Transfer: l.Row.Transfers.LastOrDefault(t => t.ToUnit == code && oldCodes.Contains(t.FromUnit))))
            .Where(x => x.Transfer is not null)
            .ToDictionary(x => x.Line.Item.Id);
        foreach (var id in handedToIt.Keys.Union(receivedHere.Keys).Order())
        {
            var sent = handedToIt.GetValueOrDefault(id);
            var got = receivedHere.TryGetValue(id, out var r) ? r : default;
            var item = got.Line?.Item ?? sent!.Item;
            yield return new Pair(code, unit.Unit.Name, item, sent?.Transfer!.Value ?? 0m, got.Transfer?.Value ?? 0m,
                Area(item, sent?.Transfer!.HandedQuantity ?? 0m), Area(item, got.Line?.Item.Quantity ?? 0m),
                sent is null ? "接收单位有、移交单位未移交" : got.Line is null ? "已移交、接收单位未接收" : "移交与接收金额不一致");
        }
    }

    private static string HandoverReason(UnitLine line) => line switch
    {
        { Transfer: null, Item.Status: ItemStatus.Disposed } => "核实后已处置，未移交",
        { Transfer: null } => "尚未移交",
        { CountedValue: null } => "未经盘点即移交",
        { Transfer: { } t } when t.Value == line.CountedValue => "移交面积与核实面积不一致",
        _ => "核实后发生收付或增减，移交金额与核实数不一致",
    };

    private static List<CategoryCheck> Checks(IEnumerable<Pair> pairs) =>
        pairs.GroupBy(p => (p.UnitCode, p.UnitName, p.Item.Kind, p.Item.Category, p.Item.CategoryName))
            .OrderBy(g => g.Key.UnitCode, StringComparer.Ordinal).ThenBy(g => g.Key.Kind).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => new CategoryCheck(g.Key.UnitCode, g.Key.UnitName, g.Key.Kind, g.Key.Category, g.Key.CategoryName, g.Sum(p => p.Expected),
                g.Sum(p => p.Actual), g.Sum(p => p.Actual) - g.Sum(p => p.Expected), g.Sum(p => p.ExpectedArea), g.Sum(p => p.ActualArea),
                g.Key.Kind == ItemKind.Resource ? g.Sum(p => p.ActualArea) - g.Sum(p => p.ExpectedArea) : null))
            .ToList();

    public string FileName() => $"对账报告-{ReformId:N}-{BookOf.ChineseName(Book)}";

    public Filing Filing() => new("对账报告", Title, Reports.Filing.Day(AsOf), Reports.Filing.UnitSigners);

    public IReadOnlyList<Table> Tables() =>
    [
        new("分类核对",
        [
            new("单位类型"), new("单位代码"), new("单位名称"), new("三资类别"), new("类别"), new("应有数", CellKind.Money), new("实有数", CellKind.Money),
            new("差额", CellKind.Money), new("应有面积(亩)", CellKind.Number), new("实有面积(亩)", CellKind.Number), new("面积差额(亩)", CellKind.Number),
        ],
        OldUnits.Select(c => Row("原单位：核实数/移交数", c)).Concat(NewUnits.Select(c => Row("新单位：应接收/实接收", c))).ToList()),
        new("差异明细",
        [
            new("单位代码"), new("编号"), new("名称"), new("类别"), new("应有数", CellKind.Money), new("实有数", CellKind.Money), new("差额", CellKind.Money),
            new("应有面积(亩)", CellKind.Number), new("实有面积(亩)", CellKind.Number), new("原因"),
        ],
        Differences.Select(d => new object?[]
        {
            d.UnitCode, d.ItemCode, d.Name, d.CategoryName, d.Expected, d.Actual, d.Difference, d.ExpectedArea, d.ActualArea, d.Reason,
        }).ToList()),
    ];

    private static object?[] Row(string side, CategoryCheck c) =>
        [side, c.UnitCode, c.UnitName, Texts.Kind(c.Kind), c.CategoryName, c.Expected, c.Actual, c.Difference, c.ExpectedArea, c.ActualArea, c.AreaDifference];
}
