using Marten;

namespace Sanzi.Ledger.Debts;

public static class Configuration
{
    public static void AddDebts(this StoreOptions options) =>
        options.Events.AddEventTypes([typeof(DebtRecorded), typeof(DebtIncreased), typeof(DebtReduced), typeof(DebtsLocked)]);
}
