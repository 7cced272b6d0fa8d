using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Reconciliation;

/// <summary>
/// One item's two figures in a reconciliation (对账), as one unit's side shows them: an old unit's verified value (核实数)
/// against what it handed over, or a new unit's handed-over-to-it against what it received (from <see cref="From"/>).
/// The areas are set for land only. Item code, name and reason are kept only when the figures differ, for the list of
/// differences. Stored on the catalog row's <see cref="Summary.SummaryShare"/>, so the database keeps the sums
/// (<see cref="ReconciliationTotals"/>) in the statement that writes the row.
/// </summary>
public sealed record ReconciliationFigure(string? From, decimal Expected, decimal Actual, decimal? ExpectedArea, decimal? ActualArea, bool Exact,
    string? ItemCode = null, string? Name = null, string? Reason = null)
{
    public bool Differs => Expected != Actual || ExpectedArea != ActualArea;

    /// <summary>An old unit's line, counted or handed over (the lines a figure can come from), else nothing.</summary>
    public static ReconciliationFigure? Handed(UnitLine line) =>
        line.CountedValue is null && !line.HandedOver
            ? null
            : Explained(new ReconciliationFigure(null, line.CountedValue ?? 0m, line.Transfer?.Value ?? 0m,
                Area(line.Item, line.CountedValue is null ? 0m : Land.VerifiedArea(line.Item)), Area(line.Item, line.Transfer?.HandedQuantity ?? 0m), true),
                line.Item, HandoverReason(line));

    /// <summary>
    /// What the unit received by the last transfer into it, against what its sender handed over. Exact when that is the
    /// only transfer into the unit, the sender's last transfer, and of the same book: the reconciliation reads the kept
    /// figures only when every received one is exact, since otherwise which transfer pairs with which depends on the reform.
    /// </summary>
    public static ReconciliationFigure? Received(string unitCode, UnitLine line)
    {
        var into = line.Row.Transfers.Where(t => t.ToUnit == unitCode).ToList();
        if (into.Count == 0) return null;
        var got = into[^1];
        var sent = line.Row.LineFor(got.FromUnit);
        var exact = into.Count == 1 && ReferenceEquals(sent.Transfer, got) && sent.Item.Ownership == line.Item.Ownership;
        return Explained(new ReconciliationFigure(got.FromUnit, got.Value, got.Value, Area(line.Item, got.HandedQuantity), Area(line.Item, line.Item.Quantity),
            exact), line.Item, "移交与接收金额不一致");
    }

    private static ReconciliationFigure Explained(ReconciliationFigure figure, Item item, string reason) =>
        figure.Differs ? figure with { ItemCode = item.ItemCode, Name = item.Name, Reason = reason } : figure;

    public static decimal? Area(Item item, decimal area) => item.Kind == ItemKind.Resource ? area : null;

    private static string HandoverReason(UnitLine line) => line switch
    {
        { Transfer: null, Item.Status: ItemStatus.Disposed } => "核实后已处置，未移交",
        { Transfer: null } => "尚未移交",
        { CountedValue: null } => "未经盘点即移交",
        { Transfer: { } t } when t.Value == line.CountedValue => "移交面积与核实面积不一致",
        _ => "核实后发生收付或增减，移交金额与核实数不一致",
    };
}
