using Sanzi.Ledger.Common;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Reconciliation;

namespace Sanzi.Projections.Summary;

/// <summary>
/// What one catalog row adds to one unit's totals: the item as that unit's books show it, whether the summary counts
/// it (held, or handed over; not disposed of), for a claim or liability its line in the debt register, and its figures
/// in a reconciliation, as the old unit that counted or handed it over and as the new unit that received it. Stored on
/// the row, so the database can keep the sums in the same statement that writes the row (<see cref="SummaryTotals"/>).
/// </summary>
public sealed record SummaryShare(string UnitCode, Ownership Book, bool Included, string? DebtStatus, SummaryBucket Bucket,
    ReconciliationFigure? Handed, ReconciliationFigure? Received)
{
    public static SummaryShare Of(string unitCode, UnitLine line) =>
        new(unitCode, line.Item.Ownership, line.HandedOver || line.Item.IsInBooks,
            line.Item.Kind is ItemKind.Claim or ItemKind.Liability ? line.Status : null, SummaryBucket.Of(line.Item),
            ReconciliationFigure.Handed(line), ReconciliationFigure.Received(unitCode, line));
}
