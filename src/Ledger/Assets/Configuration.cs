using Marten;

namespace Sanzi.Ledger.Assets;

public static class Configuration
{
    public static void AddAssets(this StoreOptions options) =>
        options.Events.AddEventTypes([typeof(AssetRegistered), typeof(AssetFoundAtCount), typeof(AssetDisposed)]);
}
