using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Resources;

/// <summary>A unit records a land or natural resource (资源登记) with its land type and area in 亩.</summary>
public sealed record RegisterResource(
    string IdempotencyKey,
    string? ItemCode,
    string? Ownership,
    string? LandType,
    string? Name,
    decimal? AreaMu,
    string? Location,
    string? Boundaries,
    string? TitleDocument,
    decimal? BookValue,
    LocalDate? BusinessDate,
    string? CorrectionReason = null) : ILedgerCommand<string, ItemRegistration>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .OneOf<Ownership>(Ownership, "ownership", required: false)
        .OneOf<LandType>(LandType, "landType")
        .Required(Name, "name")
        .Positive(AreaMu, "areaMu")
        .Required(Location, "location")
        .Check(BookValue is null or >= 0, "bookValue", "must not be negative");

    public ResourceRegistered Decide(UnitBook unit, Guid resourceId, Stamp stamp)
    {
        unit.EnsureNewItemAllowed(stamp, "recording a new resource");
        return new ResourceRegistered(resourceId, unit.Code, ItemCode ?? ItemCodes.Generate("ZY", resourceId),
            Ownership is null ? Common.Ownership.Collective : ApiNames.Parse<Ownership>(Ownership),
            ApiNames.Parse<LandType>(LandType!), Name!, AreaMu!.Value, Location!, Boundaries, TitleDocument, BookValue ?? 0m, stamp);
    }

    public async Task<ItemRegistration> Handle(IDocumentSession session, string unitCode, Stamp stamp, CancellationToken ct)
    {
        var registered = Decide(await session.UnitAsync(unitCode, ct), Guid.CreateVersion7(), stamp);
        session.Events.StartStream<Item>(registered.ResourceId, registered);
        return new ItemRegistration(registered.ResourceId, registered.ItemCode);
    }
}
