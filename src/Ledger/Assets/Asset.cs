namespace Sanzi.Ledger.Assets;

public enum AssetStatus
{
    InUse,
    Disposed,
}

/// <summary>One asset item (资产) as its decisions need it.</summary>
public sealed record Asset(Guid Id, string UnitCode, string ItemCode, decimal BookValue, AssetStatus Status)
{
    public static Asset Create(AssetRegistered e) => new(e.AssetId, e.UnitCode, e.ItemCode, e.BookValue, AssetStatus.InUse);

    public Asset Apply(AssetDisposed e) => this with { Status = AssetStatus.Disposed };
}
