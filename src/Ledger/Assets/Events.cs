using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Assets;

/// <summary>A unit recorded an asset item in its books (资产登记).</summary>
public sealed record AssetRegistered(
    Guid AssetId,
    string UnitCode,
    string ItemCode,
    Ownership Ownership,
    AssetCategory Category,
    string Name,
    string? Specification,
    decimal Quantity,
    string MeasureUnit,
    decimal OriginalValue,
    decimal AccumulatedDepreciation,
    LocalDate AcquiredOn,
    string Location,
    string? Keeper,
    string? TitleDocument,
    Stamp Stamp) : ILedgerEvent
{
    public decimal NetValue => OriginalValue - AccumulatedDepreciation;
}

/// <summary>An item not in the books was found at the count (盘盈) and entered at its verified value.</summary>
public sealed record AssetFoundAtCount(
    Guid AssetId,
    string UnitCode,
    string ItemCode,
    Ownership Ownership,
    AssetCategory Category,
    string Name,
    decimal Quantity,
    string MeasureUnit,
    decimal VerifiedValue,
    string Location,
    string Reason,
    Stamp Stamp) : ILedgerEvent;

/// <summary>An asset left the books by sale, scrapping or other disposal (处置), under a resolution.</summary>
public sealed record AssetDisposed(
    Guid AssetId,
    string UnitCode,
    string Method,
    decimal Proceeds,
    string ResolutionReference,
    string Reason,
    string? Recipient,
    Guid? ExceptionId,
    Stamp Stamp) : ILedgerEvent;
