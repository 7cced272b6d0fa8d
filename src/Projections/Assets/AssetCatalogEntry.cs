using NodaTime;
using Sanzi.Ledger.Assets;

namespace Sanzi.Projections.Assets;

/// <summary>One row of a unit's asset catalog (账册目录), kept current as the item's events arrive.</summary>
public sealed record AssetCatalogEntry(
    Guid Id,
    string UnitCode,
    string ItemCode,
    AssetCategory Category,
    string CategoryName,
    string Name,
    string? Specification,
    decimal Quantity,
    string MeasureUnit,
    decimal BookValue,
    LocalDate AcquiredOn,
    string Location,
    AssetStatus Status,
    LocalDate RegisteredOn,
    LocalDate? DisposedOn);
