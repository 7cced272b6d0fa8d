using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Inventory;

/// <summary>The outcome of counting one item: as booked, at another value, or not found (盘亏).</summary>
public enum CountResult
{
    Confirmed,
    Adjusted,
    Missing,
}

/// <summary>An item was counted in the inventory (清产核资/盘点): its verified value (核实数) against the book value (账面数).</summary>
public sealed record ItemCounted(
    Guid ItemId,
    string UnitCode,
    CountResult Result,
    decimal BookValue,
    decimal VerifiedValue,
    decimal? CountedQuantity,
    string? Reason,
    LocalDate CountedOn,
    Stamp Stamp) : ILedgerEvent;

/// <summary>Book and verified totals of one category of a unit's items in one of its books (collective or state).</summary>
public sealed record CategoryTotal(ItemKind Kind, string Category, int Items, decimal BookValue, decimal VerifiedValue, decimal Quantity,
    Ownership Ownership = Ownership.Collective);

/// <summary>Every item of the unit has a count; the verified totals are stated as of the snapshot date (登记时点).</summary>
public sealed record InventoryClosed(
    string UnitCode,
    LocalDate SnapshotDate,
    IReadOnlyList<CategoryTotal> Totals,
    int SurplusItems,
    decimal SurplusValue,
    int MissingItems,
    decimal MissingValue,
    Stamp Stamp) : ILedgerEvent;
