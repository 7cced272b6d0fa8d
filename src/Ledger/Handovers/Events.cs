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

/// <summary>A named person in a handover, with their post. A township may name several per role.</summary>
public sealed record Party(HandoverRole Role, string Name, string Post);

/// <summary>How state assets change hands: free transfer (无偿调拨) or free allotment (无偿划转), never a sale.</summary>
public enum TransferMode
{
    FreeTransfer,
    FreeAllotment,
}

/// <summary>The transfer mode of a handover of state assets and the finance bureau's document (文号) ordering it.</summary>
public sealed record TransferTerms(TransferMode Mode, string Document);

/// <summary>Seals (印章), licences (证照) and plaques (牌匾) of the old unit.</summary>
public enum InsigniaKind
{
    Seal,
    Licence,
    Plaque,
}

/// <summary>What became of a seal, licence or plaque: handed over, surrendered (上缴) or destroyed (销毁).</summary>
public enum InsigniaFate
{
    HandedOver,
    Surrendered,
    Destroyed,
}

/// <summary>One seal, licence or plaque and what became of it, with the receipt or record (e.g. 印章上缴登记表) if any.</summary>
public sealed record Insignia(InsigniaKind Kind, string Name, InsigniaFate Fate, string? Document);

/// <summary>One line of the successor's opening entry (期初建账分录) for state assets received.</summary>
public sealed record OpeningLine(string AccountCode, string AccountName, decimal Debit, decimal Credit);

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
    Stamp Stamp,
    TransferTerms? Transfer = null,
    IReadOnlyList<Insignia>? Insignia = null) : ILedgerEvent;

/// <summary>A party named in the handover register signed it, in their role.</summary>
public sealed record HandoverSigned(string UnitCode, Guid HandoverId, HandoverRole Role, string Signer, Stamp Stamp, string? PartyName = null)
    : ILedgerEvent;

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

/// <summary>
/// The successor booked the state assets it received by free transfer: each asset and liability account at the
/// handed-over values, the balance against 3401 无偿调拨净资产, under the finance bureau's document.
/// </summary>
public sealed record StateAssetsReceived(
    string UnitCode,
    Guid HandoverId,
    string FromUnit,
    TransferTerms Transfer,
    IReadOnlyList<OpeningLine> Lines,
    decimal NetAssets,
    Stamp Stamp) : ILedgerEvent;
