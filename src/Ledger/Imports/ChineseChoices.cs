using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;

namespace Sanzi.Ledger.Imports;

/// <summary>The words the registers use for the ledger's choices.</summary>
public static class ChineseChoices
{
    public static readonly IReadOnlyDictionary<Ownership, string> OwnershipWords = new Dictionary<Ownership, string>
    {
        [Common.Ownership.Collective] = "集体", [Common.Ownership.State] = "国有",
    };

    public static readonly IReadOnlyDictionary<HolderType, string> HolderWords = new Dictionary<HolderType, string>
    {
        [HolderType.Collective] = "集体", [HolderType.Individual] = "个人", [HolderType.OutsideUnit] = "外单位",
    };

    public static readonly IReadOnlyDictionary<FundKind, string> FundKindWords = FundKinds.ChineseNames;

    public static readonly IReadOnlyDictionary<ItemKind, string> DebtSideWords = new Dictionary<ItemKind, string>
    {
        [ItemKind.Claim] = "债权", [ItemKind.Liability] = "债务",
    };

    public static readonly IReadOnlyDictionary<DebtKind, string> DebtKindWords = new Dictionary<DebtKind, string>
    {
        [Debts.DebtKind.Receivable] = "应收款", [Debts.DebtKind.Payable] = "应付款", [Debts.DebtKind.Loan] = "借款",
        [Debts.DebtKind.Internal] = "内部往来",
    };

    public static string List<T>(IReadOnlyDictionary<T, string> names) where T : notnull => string.Join("、", names.Values);
}
