using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Assets;

/// <summary>A unit disposes of an asset (资产处置: sale, scrapping, transfer out) under a resolution.</summary>
public sealed record DisposeAsset(
    string IdempotencyKey,
    string? Method,
    decimal? Proceeds,
    string? ResolutionReference,
    string? Reason,
    LocalDate? BusinessDate) : ILedgerCommand
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .Required(Method, "method", 50)
        .Amount(Proceeds, "proceeds")
        .Required(ResolutionReference, "resolutionReference")
        .Required(Reason, "reason", 500);

    public AssetDisposed Decide(UnitBook? unit, Asset? asset, Guid assetId, Stamp stamp)
    {
        if (asset is null || unit is null) throw Refused.NotFound($"Asset {assetId} is not in the ledger.");
        unit.EnsureOpenAt(stamp.RecordedAt, "disposing of an asset");
        if (asset.Status == AssetStatus.Disposed)
            throw Refused.Conflict($"Asset {asset.ItemCode} has already been disposed of.");
        return new AssetDisposed(asset.Id, asset.UnitCode, Method!, Proceeds!.Value, ResolutionReference!, Reason!, stamp);
    }

    public async Task<AssetDisposal> Handle(IDocumentSession session, Guid assetId, Stamp stamp, CancellationToken ct)
    {
        var asset = await session.Events.FetchForWriting<Asset>(assetId, ct);
        var unit = asset.Aggregate is { } a
            ? await session.Events.FetchLatest<UnitBook>(StreamIds.ForUnit(a.UnitCode), ct)
            : null;
        var disposed = Decide(unit, asset.Aggregate, assetId, stamp);
        asset.AppendOne(disposed);
        return new AssetDisposal(assetId, disposed.UnitCode, disposed.Stamp.BusinessDate);
    }
}

/// <summary>The answer to <see cref="DisposeAsset"/>.</summary>
public sealed record AssetDisposal(Guid AssetId, string UnitCode, LocalDate DisposedOn);
