using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Assets;

/// <summary>A unit disposes of an asset (资产处置: sale, scrapping, transfer out) under a resolution.</summary>
public sealed record DisposeAsset(
    string IdempotencyKey,
    string? Method,
    decimal? Proceeds,
    string? ResolutionReference,
    string? Reason,
    string? Recipient,
    Guid? ExceptionId,
    LocalDate? BusinessDate,
    string? CorrectionReason = null) : ILedgerCommand<Guid, ItemPosition>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .Required(Method, "method", 50)
        .Amount(Proceeds, "proceeds")
        .Required(ResolutionReference, "resolutionReference")
        .Required(Reason, "reason", 500);

    public AssetDisposed Decide(UnitBook unit, Item asset, ExceptionApproved? exception, Stamp stamp)
    {
        if (asset.Kind != Common.ItemKind.Asset) throw Refused.Conflict($"Item {asset.ItemCode} is not an asset.");
        unit.EnsureOutflowAllowed(stamp, "disposing of an asset", ExceptionScope.Disposal, asset.Value, exception);
        if (!asset.IsHeld) throw Refused.Conflict($"Asset {asset.ItemCode} is {ApiNames.Name(asset.Status)}; it cannot be disposed of.");
        return new AssetDisposed(asset.Id, asset.UnitCode, Method!, Proceeds!.Value, ResolutionReference!, Reason!, Recipient,
            exception?.ExceptionId, stamp);
    }

    public async Task<ItemPosition> Handle(IDocumentSession session, Guid assetId, Stamp stamp, CancellationToken ct)
    {
        var asset = await session.ItemForWritingAsync(assetId, ct);
        var unit = await session.UnitAsync(asset.Aggregate!.UnitCode, ct);
        var disposed = Decide(unit, asset.Aggregate, await session.ExceptionAsync(unit, ExceptionId, ct), stamp);
        asset.AppendOne(disposed);
        return new ItemPosition(assetId, unit.Code, asset.Aggregate.Value, ItemStatus.Disposed);
    }
}
