using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Assets;

/// <summary>A township or village records an asset item in its books (资产登记).</summary>
public sealed record RegisterAsset(
    string IdempotencyKey,
    string? ItemCode,
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
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? ItemCode,
        Ownership? Ownership,
        AssetCategory? Category,
        string? Name,
        string? Specification,
        decimal? Quantity,
        string? MeasureUnit,
        decimal? OriginalValue,
        decimal? AccumulatedDepreciation,
        LocalDate? AcquiredOn,
        string? Location,
        string? Keeper,
        string? TitleDocument,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<RegisterAsset>
    {
        public RegisterAsset Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Check(ItemCode is null || ItemCode.Length is > 0 and <= 50, "itemCode", "must be 1 to 50 characters")
                .OneOf(Ownership, "ownership", required: false)
                .OneOf(Category, "category")
                .Required(Name, "name")
                .Positive(Quantity, "quantity")
                .Required(MeasureUnit, "measureUnit", 20)
                .Amount(OriginalValue, "originalValue")
                .Check(AccumulatedDepreciation is null or >= 0, "accumulatedDepreciation", "must not be negative")
                .Check(AccumulatedDepreciation is null || OriginalValue is null || AccumulatedDepreciation <= OriginalValue,
                    "accumulatedDepreciation", "may not exceed originalValue")
                .Check(AcquiredOn is not null, "acquiredOn", "is required")
                .Required(Location, "location")
                .ThrowIfBroken();
            return new(IdempotencyKey!, ItemCode, Ownership ?? Common.Ownership.Collective, Category!.Value, Name!, Specification,
                Quantity!.Value, MeasureUnit!, OriginalValue!.Value, AccumulatedDepreciation ?? 0m, AcquiredOn!.Value, Location!, Keeper,
                TitleDocument, BusinessDate, CorrectionReason);
        }
    }

    public AssetRegistered Decide(UnitBook unit, Guid assetId, Stamp stamp)
    {
        unit.EnsureNewItemAllowed(stamp, "recording a new asset");
        if (AcquiredOn > stamp.RecordedOn)
            throw Refused.Invalid("acquiredOn", $"may not be later than the recording date {stamp.RecordedOn}");
        return new AssetRegistered(assetId, unit.Code, ItemCode ?? ItemCodes.Generate("ZC", assetId), Ownership, Category, Name,
            Specification, Quantity, MeasureUnit, OriginalValue, AccumulatedDepreciation, AcquiredOn, Location, Keeper, TitleDocument, stamp);
    }
}
