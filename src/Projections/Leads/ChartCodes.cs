using Sanzi.Ledger.Funds;

namespace Sanzi.Projections.Leads;

/// <summary>The accounts (科目) of the village chart the rules read movements by.</summary>
public static class ChartCodes
{
    /// <summary>102 银行存款: a cash payment on it is a deposit (存现).</summary>
    public const string Bank = "102";

    /// <summary>211 应付工资.</summary>
    public const string Wages = "211";

    /// <summary>212 应付福利费.</summary>
    public const string Welfare = "212";

    /// <summary>322 收益分配.</summary>
    public const string Distribution = ChartOfAccounts.Distribution;

    /// <summary>511 发包及上交收入: rents and contract fees.</summary>
    public const string ContractIncome = "511";
}
