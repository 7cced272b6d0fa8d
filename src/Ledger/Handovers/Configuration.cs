using Marten;

namespace Sanzi.Ledger.Handovers;

public static class Configuration
{
    public static void AddHandovers(this StoreOptions options) =>
        options.Events.AddEventTypes([typeof(HandoverDrafted), typeof(HandoverSigned), typeof(ItemTransferred), typeof(BooksHandedOver),
            typeof(BooksReceived), typeof(StateAssetsReceived)]);
}
