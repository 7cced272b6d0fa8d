namespace Sanzi.Ledger.Funds;

public static class FundKinds
{
    public static readonly IReadOnlyDictionary<FundKind, string> ChineseNames = new Dictionary<FundKind, string>
    {
        [FundKind.Cash] = "库存现金", [FundKind.Bank] = "银行存款",
    };
}
