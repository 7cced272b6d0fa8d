using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Resources;

/// <summary>A unit records a land or natural resource (资源登记) with its land type and area in 亩.</summary>
public sealed record RegisterResource(
    string IdempotencyKey,
    string? ItemCode,
    Ownership Ownership,
    LandType LandType,
    string Name,
    decimal AreaMu,
    string Location,
    string? Boundaries,
    string? TitleDocument,
    decimal BookValue,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? ItemCode,
        Ownership? Ownership,
        LandType? LandType,
        string? Name,
        decimal? AreaMu,
        string? Location,
        string? Boundaries,
        string? TitleDocument,
        decimal? BookValue,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<RegisterResource>
    {
        public RegisterResource Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .OneOf(Ownership, "ownership", required: false)
                .OneOf(LandType, "landType")
                .Required(Name, "name")
                .Positive(AreaMu, "areaMu")
                .Required(Location, "location")
                .Check(BookValue is null or >= 0, "bookValue", "must not be negative")
                .ThrowIfBroken();
            return new(IdempotencyKey!, ItemCode, Ownership ?? Common.Ownership.Collective, LandType!.Value, Name!, AreaMu!.Value, Location!,
                Boundaries, TitleDocument, BookValue ?? 0m, BusinessDate, CorrectionReason);
        }
    }

    public ResourceRegistered Decide(UnitBook unit, Guid resourceId, Stamp stamp)
    {
        unit.EnsureNewItemAllowed(stamp, "recording a new resource");
        return new ResourceRegistered(resourceId, unit.Code, ItemCode ?? ItemCodes.Generate("ZY", resourceId), Ownership, LandType, Name,
            AreaMu, Location, Boundaries, TitleDocument, BookValue, stamp);
    }
}
