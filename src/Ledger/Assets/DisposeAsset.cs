using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Assets;

/// <summary>
/// A unit disposes of an asset (资产处置: sale, scrapping, transfer out) under a resolution. A transfer (调拨, method
/// <c>transfer</c>) names its recipient and, after the freeze, needs a <c>transfer</c> exception rather than a
/// <c>disposal</c> one; the red-flag rules judge it as the disposal it is.
/// </summary>
public sealed record DisposeAsset(
    string IdempotencyKey,
    string Method,
    decimal Proceeds,
    string ResolutionReference,
    string Reason,
    string? Recipient,
    Guid? ExceptionId,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? Method,
        decimal? Proceeds,
        string? ResolutionReference,
        string? Reason,
        string? Recipient,
        Guid? ExceptionId,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<DisposeAsset>
    {
        public DisposeAsset Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Required(Method, "method", 50)
                .Amount(Proceeds, "proceeds")
                .Resolution(ResolutionReference, "resolutionReference")
                .Substantive(Reason, "reason")
                .Check(Method != Transfer || !string.IsNullOrWhiteSpace(Recipient), "recipient",
                    "is required for a transfer (调拨): name the unit that receives the asset")
                .ThrowIfBroken();
            return new(IdempotencyKey!, Method!, Proceeds!.Value, ResolutionReference!, Reason!, Recipient, ExceptionId, BusinessDate,
                CorrectionReason);
        }
    }

    /// <summary>The method of an asset transfer (调拨) to a named recipient.</summary>
    public const string Transfer = "transfer";

    public AssetDisposed Decide(UnitBook unit, Item asset, ExceptionApproved? exception, Stamp stamp)
    {
        if (asset.Kind != ItemKind.Asset) throw Refused.Conflict($"Item {asset.ItemCode} is not an asset.");
        var (what, scope) = Method == Transfer ? ("transferring an asset (调拨)", ExceptionScope.Transfer) : ("disposing of an asset", ExceptionScope.Disposal);
        unit.EnsureOutflowAllowed(stamp, what, scope, asset.Value, exception);
        if (!asset.IsHeld) throw Refused.Conflict($"Asset {asset.ItemCode} is {ApiNames.Name(asset.Status)}; it cannot be disposed of.");
        return new AssetDisposed(asset.Id, asset.UnitCode, Method, Proceeds, ResolutionReference, Reason, Recipient, exception?.ExceptionId, stamp);
    }
}
