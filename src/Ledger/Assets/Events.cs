using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Assets;

/// <summary>A unit recorded an asset item in its books (资产登记).</summary>
public sealed record AssetRegistered(
    Guid AssetId,
    string UnitCode,
    string ItemCode,
    AssetCategory Category,
    string Name,
    string? Specification,
    decimal Quantity,
    string MeasureUnit,
    decimal BookValue,
    LocalDate AcquiredOn,
    string Location,
    Stamp Stamp) : ILedgerEvent;

/// <summary>An asset left the books by sale, scrapping or other disposal (处置), under a resolution.</summary>
public sealed record AssetDisposed(
    Guid AssetId,
    string UnitCode,
    string Method,
    decimal Proceeds,
    string ResolutionReference,
    string Reason,
    Stamp Stamp) : ILedgerEvent;
