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
    decimal Actual, decimal Difference, decimal? ExpectedArea, decimal? ActualArea, decimal? AreaDifference)
{
    /// <summary>A check from its sums; the area difference is shown for land only.</summary>
    public static CategoryCheck Of(string unitCode, string unitName, ItemKind kind, string category, string categoryName, decimal expected, decimal actual,
        decimal? expectedArea, decimal? actualArea) =>
        new(unitCode, unitName, kind, category, categoryName, expected, actual, actual - expected, expectedArea, actualArea,
            kind == ItemKind.Resource ? actualArea - expectedArea : null);
}

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
        var handed = oldUnits.SelectMany(u => u.Lines.Select(l => (Line: l, Figure: ReconciliationFigure.Handed(l))).Where(x => x.Figure is not null)
            .Select(x => new Pair(u.Unit.Code, u.Unit.Name, x.Line.Item, x.Figure!.Expected, x.Figure.Actual, x.Figure.ExpectedArea, x.Figure.ActualArea,
                x.Figure.Reason ?? "")))
            .ToList();
        var received = newUnits.SelectMany(u => Received(u, oldCodes, oldUnits)).ToList();

        var differences = handed.Concat(received).Where(p => p.Differs)
            .Select(p => new ItemDifference(p.UnitCode, p.Item.Id, p.Item.ItemCode, p.Item.Name, p.Item.CategoryName, p.Expected, p.Actual,
                p.Actual - p.Expected, p.ExpectedArea, p.ActualArea, p.Reason))
            .ToList();
        return Of(reform, time, oldUnits.All(u => u.Unit.IsClosed), Checks(handed), Checks(received), differences, book);
    }

    /// <summary>The report from its checks and differences, however they were summed: reconciled once all is handed over and nothing differs.</summary>
    public static ReconciliationReport Of(Reform reform, ReportTime time, bool allHandedOver, IReadOnlyList<CategoryCheck> oldUnits,
        IReadOnlyList<CategoryCheck> newUnits, IReadOnlyList<ItemDifference> differences, Ownership book) =>
        new(reform.Id, reform.Title, time.AsOf, time.KnownAt, allHandedOver, allHandedOver && differences.Count == 0, oldUnits, newUnits, differences, book);

    /// <summary>Checks in the report's order: by unit code, kind, category.</summary>
    public static List<CategoryCheck> Ordered(IEnumerable<CategoryCheck> checks) =>
        checks.OrderBy(c => c.UnitCode, StringComparer.Ordinal).ThenBy(c => c.Kind).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();

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
                ReconciliationFigure.Area(item, sent?.Transfer!.HandedQuantity ?? 0m), ReconciliationFigure.Area(item, got.Line?.Item.Quantity ?? 0m),
                sent is null ? "接收单位有、移交单位未移交" : got.Line is null ? "已移交、接收单位未接收" : "移交与接收金额不一致");
        }
    }

    private static List<CategoryCheck> Checks(IEnumerable<Pair> pairs) =>
        Ordered(pairs.GroupBy(p => (p.UnitCode, p.UnitName, p.Item.Kind, p.Item.Category, p.Item.CategoryName))
            .Select(g => CategoryCheck.Of(g.Key.UnitCode, g.Key.UnitName, g.Key.Kind, g.Key.Category, g.Key.CategoryName, g.Sum(p => p.Expected),
                g.Sum(p => p.Actual), g.Sum(p => p.ExpectedArea), g.Sum(p => p.ActualArea))));

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
