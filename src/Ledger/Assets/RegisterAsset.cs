using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Assets;

/// <summary>A township or village records an asset item in its books (资产登记).</summary>
public sealed record RegisterAsset(
    string IdempotencyKey,
    string? ItemCode,
    string? Category,
    string? Name,
    string? Specification,
    decimal? Quantity,
    string? MeasureUnit,
    decimal? BookValue,
    LocalDate? AcquiredOn,
    string? Location,
    LocalDate? BusinessDate) : ILedgerCommand
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .Check(Category is null || AssetCategories.ByApiName.ContainsKey(Category), "category",
            $"must be one of: {AssetCategories.AllowedList}")
        .Check(Category is not null, "category", "is required")
        .Required(Name, "name")
        .Positive(Quantity, "quantity")
        .Required(MeasureUnit, "measureUnit", 20)
        .Amount(BookValue, "bookValue")
        .Check(AcquiredOn is not null, "acquiredOn", "is required")
        .Required(Location, "location")
        .Check(ItemCode is null || ItemCode.Length is > 0 and <= 50, "itemCode", "must be 1 to 50 characters");

    public AssetRegistered Decide(UnitBook? unit, string unitCode, Guid assetId, Stamp stamp)
    {
        if (unit is null) throw Refused.NotFound($"Unit {unitCode} is not registered in the ledger.");
        unit.EnsureOpenAt(stamp.RecordedAt, "recording a new asset");
        if (AcquiredOn > stamp.RecordedOn)
            throw Refused.Invalid("acquiredOn", $"may not be later than the recording date {stamp.RecordedOn}");

        return new AssetRegistered(assetId, unit.Code, ItemCode ?? $"ZC-{assetId.ToString("N")[^8..].ToUpperInvariant()}",
            AssetCategories.ByApiName[Category!], Name!, Specification, Quantity!.Value, MeasureUnit!, BookValue!.Value,
            AcquiredOn!.Value, Location!, stamp);
    }

    public async Task<AssetRegistration> Handle(IDocumentSession session, string unitCode, Stamp stamp, CancellationToken ct)
    {
        if (!DivisionCode.IsValid(unitCode))
            throw Refused.Invalid("code", "must be a 9-digit township or 12-digit village statistical division code");
        var unit = await session.Events.FetchLatest<UnitBook>(StreamIds.ForUnit(unitCode), ct);
        var assetId = Guid.CreateVersion7(stamp.RecordedAt.ToDateTimeOffset());
        var registered = Decide(unit, unitCode, assetId, stamp);
        session.Events.StartStream<Asset>(assetId, registered);
        return new AssetRegistration(assetId, registered.ItemCode);
    }
}

/// <summary>The answer to <see cref="RegisterAsset"/>: the new item's id and its code in the catalog.</summary>
public sealed record AssetRegistration(Guid AssetId, string ItemCode);
