using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Inventory;

/// <summary>Enters an asset found at the count that the books did not hold (盘盈), at its verified value.</summary>
public sealed record RecordSurplus(
    string IdempotencyKey,
    string? ItemCode,
    Ownership Ownership,
    AssetCategory Category,
    string Name,
    decimal Quantity,
    string MeasureUnit,
    decimal VerifiedValue,
    string Location,
    string Reason,
    LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? ItemCode,
        Ownership? Ownership,
        AssetCategory? Category,
        string? Name,
        decimal? Quantity,
        string? MeasureUnit,
        decimal? VerifiedValue,
        string? Location,
        string? Reason,
        LocalDate? BusinessDate) : ICommandRequest<RecordSurplus>
    {
        public RecordSurplus Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .OneOf(Ownership, "ownership", required: false)
                .OneOf(Category, "category")
                .Required(Name, "name")
                .Positive(Quantity, "quantity")
                .Required(MeasureUnit, "measureUnit", 20)
                .Amount(VerifiedValue, "verifiedValue")
                .Required(Location, "location")
                .Required(Reason, "reason", 500)
                .ThrowIfBroken();
            return new(IdempotencyKey!, ItemCode, Ownership ?? Common.Ownership.Collective, Category!.Value, Name!, Quantity!.Value,
                MeasureUnit!, VerifiedValue!.Value, Location!, Reason!, BusinessDate);
        }
    }

    public AssetFoundAtCount Decide(UnitBook unit, Guid assetId, Stamp stamp)
    {
        unit.EnsureStage(unit.IsFrozenFor(stamp) && unit.Inventory is null, "recording a surplus", "a frozen unit with an open inventory");
        unit.EnsureInOrder(stamp.BusinessDate, "businessDate", "a surplus found at the count");
        return new AssetFoundAtCount(assetId, unit.Code, ItemCode ?? ItemCodes.Generate("PY", assetId), Ownership, Category, Name, Quantity,
            MeasureUnit, VerifiedValue, Location, Reason, stamp);
    }
}
