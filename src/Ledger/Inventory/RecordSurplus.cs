using Marten;
using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Inventory;

/// <summary>Enters an asset found at the count that the books did not hold (盘盈), at its verified value.</summary>
public sealed record RecordSurplus(
    string IdempotencyKey,
    string? ItemCode,
    string? Ownership,
    string? Category,
    string? Name,
    decimal? Quantity,
    string? MeasureUnit,
    decimal? VerifiedValue,
    string? Location,
    string? Reason,
    LocalDate? BusinessDate) : ILedgerCommand<string, ItemRegistration>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .OneOf<Ownership>(Ownership, "ownership", required: false)
        .OneOf<AssetCategory>(Category, "category")
        .Required(Name, "name")
        .Positive(Quantity, "quantity")
        .Required(MeasureUnit, "measureUnit", 20)
        .Amount(VerifiedValue, "verifiedValue")
        .Required(Location, "location")
        .Required(Reason, "reason", 500);

    public AssetFoundAtCount Decide(UnitBook unit, Guid assetId, Stamp stamp)
    {
        unit.EnsureStage(unit.IsFrozenFor(stamp) && unit.Inventory is null, "recording a surplus", "a frozen unit with an open inventory");
        unit.EnsureInOrder(stamp.BusinessDate, "businessDate", "a surplus found at the count");
        return new AssetFoundAtCount(assetId, unit.Code, ItemCode ?? ItemCodes.Generate("PY", assetId),
            Ownership is null ? Common.Ownership.Collective : ApiNames.Parse<Ownership>(Ownership),
            ApiNames.Parse<AssetCategory>(Category!), Name!, Quantity!.Value, MeasureUnit!, VerifiedValue!.Value, Location!, Reason!, stamp);
    }

    public async Task<ItemRegistration> Handle(IDocumentSession session, string unitCode, Stamp stamp, CancellationToken ct)
    {
        var found = Decide(await session.UnitAsync(unitCode, ct), Guid.CreateVersion7(), stamp);
        session.Events.StartStream<Item>(found.AssetId, found);
        return new ItemRegistration(found.AssetId, found.ItemCode);
    }
}
