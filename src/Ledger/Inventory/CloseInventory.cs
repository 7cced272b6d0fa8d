using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Inventory;

/// <summary>
/// Closes a unit's inventory once every item in its books has a count, stating the verified totals as of
/// the snapshot date (登记时点). The debts must be locked first.
/// </summary>
public sealed record CloseInventory(string IdempotencyKey, LocalDate? SnapshotDate, LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, LocalDate? SnapshotDate, LocalDate? BusinessDate) : ICommandRequest<CloseInventory>
    {
        public CloseInventory Validate()
        {
            new Rules().IdempotencyKey(IdempotencyKey).ThrowIfBroken();
            return new(IdempotencyKey!, SnapshotDate, BusinessDate);
        }
    }

    public InventoryClosed Decide(UnitBook unit, IReadOnlyList<Item> items, Stamp stamp)
    {
        unit.EnsureStage(unit.DebtsLockedAsOf is not null, "closing the inventory", "the debt lock");
        if (unit.Inventory is not null) throw Refused.Conflict($"The inventory of {unit.Code} is already closed.");

        var counted = items.Where(i => i.IsInBooks).ToList();
        var uncounted = counted.Where(i => i.Count is null).Select(i => i.ItemCode).ToList();
        if (uncounted.Count > 0)
            throw Refused.Conflict(
                $"{uncounted.Count} item(s) of {unit.Code} have no count yet, so the inventory cannot close: {string.Join(", ", uncounted.Take(20))}{(uncounted.Count > 20 ? ", …" : "")}.");

        unit.EnsureInOrder(stamp.BusinessDate, "businessDate", "closing the inventory");
        if (counted.Select(i => i.Count!.CountedOn).DefaultIfEmpty(stamp.BusinessDate).Max() is var lastCount && lastCount > stamp.BusinessDate)
            throw Refused.Invalid("businessDate", $"is {stamp.BusinessDate:yyyy-MM-dd}, before {lastCount:yyyy-MM-dd}, the day of the last count; the inventory closes after its counts");

        var surplus = counted.Where(i => i.FoundAtCount).ToList();
        var missing = counted.Where(i => i.Status == ItemStatus.Missing).ToList();
        return new InventoryClosed(unit.Code, SnapshotDate ?? Stamp.DayOf(unit.FrozenAt!.Value), UnitItems.Totals(counted),
            surplus.Count, surplus.Sum(i => i.VerifiedValue), missing.Count, missing.Sum(i => i.BookValue), stamp);
    }
}
