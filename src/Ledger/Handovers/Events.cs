using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;

namespace Sanzi.Ledger.Handovers;

/// <summary>The three parties of a handover: 移交人, 接收人, 监交人.</summary>
public enum HandoverRole
{
    HandingOver,
    Receiving,
    Supervising,
}

/// <summary>A named person in a handover, with their post.</summary>
public sealed record Party(HandoverRole Role, string Name, string Post);

/// <summary>The handover register (移交清册) of an old unit was drawn up from its verified books.</summary>
public sealed record HandoverDrafted(
    string UnitCode,
    Guid HandoverId,
    string SuccessorCode,
    string EntityCode,
    LocalDate HandoverDate,
    IReadOnlyList<Party> Parties,
    int ItemCount,
    IReadOnlyList<CategoryTotal> Totals,
    IReadOnlyList<string> Archives,
    IReadOnlyList<string> Seals,
    IReadOnlyList<string> PendingMatters,
    string? Remarks,
    Stamp Stamp) : ILedgerEvent;

/// <summary>One of the three parties signed the handover register.</summary>
public sealed record HandoverSigned(string UnitCode, Guid HandoverId, HandoverRole Role, string Signer, Stamp Stamp) : ILedgerEvent;

/// <summary>An item moved from an old unit's books to its successor's, at its verified value.</summary>
public sealed record ItemTransferred(
    Guid ItemId,
    Guid HandoverId,
    string FromUnit,
    string ToUnit,
    string EntityCode,
    decimal Value,
    Stamp Stamp,
    decimal? Quantity = null) : ILedgerEvent;

/// <summary>The old unit handed over its whole books; they are closed for good and its code is retired (已撤销).</summary>
public sealed record BooksHandedOver(
    string UnitCode,
    Guid HandoverId,
    string SuccessorCode,
    int ItemCount,
    IReadOnlyList<CategoryTotal> Totals,
    Instant ClosedAt,
    Stamp Stamp) : ILedgerEvent;

/// <summary>The successor took over an old unit's books as a whole (整体接收) and continues them.</summary>
public sealed record BooksReceived(
    string UnitCode,
    Guid HandoverId,
    string FromUnit,
    string EntityCode,
    int ItemCount,
    IReadOnlyList<CategoryTotal> Totals,
    Stamp Stamp) : ILedgerEvent;
