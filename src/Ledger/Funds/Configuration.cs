using Marten;

namespace Sanzi.Ledger.Funds;

public static class Configuration
{
    public static void AddFunds(this StoreOptions options) =>
        options.Events.AddEventTypes([typeof(FundAccountOpened), typeof(ReceiptRecorded), typeof(PaymentRecorded), typeof(FundsMovedBetweenAccounts)]);
}
