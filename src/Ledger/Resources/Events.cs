using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Resources;

/// <summary>A unit recorded a land or natural resource (资源登记) by land type, with its area in 亩.</summary>
public sealed record ResourceRegistered(
    Guid ResourceId,
    string UnitCode,
    string ItemCode,
    Ownership Ownership,
    LandType LandType,
    string Name,
    decimal AreaMu,
    string Location,
    string? Boundaries,
    string? TitleDocument,
    decimal BookValue,
    Stamp Stamp) : ILedgerEvent;

/// <summary>A resource was let by contract or lease (承包/租赁) for a term and an annual rent.</summary>
public sealed record ResourceContracted(
    Guid ResourceId,
    string UnitCode,
    string Contractor,
    HolderType ContractorType,
    string ContractNumber,
    LocalDate From,
    LocalDate To,
    decimal AnnualRent,
    Stamp Stamp) : ILedgerEvent;
