using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Debts;

public static class DebtKinds
{
    public static string ChineseName(ItemKind side, DebtKind kind) => (side, kind) switch
    {
        (_, DebtKind.Internal) => "内部往来",
        (ItemKind.Claim, _) => "应收款",
        (_, DebtKind.Loan) => "借款",
        _ => "应付款",
    };
}
