using NodaTime;

namespace Sanzi.Ledger.Funds;

/// <summary>
/// The village collective chart of accounts (村集体经济组织会计科目), versioned by the date a chart came
/// into force: an entry is checked against the chart of its business date.
/// </summary>
public static class ChartOfAccounts
{
    public sealed record Chart(string Rule, LocalDate InForceFrom, IReadOnlyDictionary<string, string> Accounts);

    /// <summary>财会〔2004〕12号, in force from 2005-01-01.</summary>
    public static readonly Chart Of2004 = new("财会〔2004〕12号", new LocalDate(2005, 1, 1), new Dictionary<string, string>
    {
        ["101"] = "现金", ["102"] = "银行存款", ["111"] = "短期投资", ["112"] = "应收款", ["113"] = "内部往来",
        ["121"] = "库存物资", ["131"] = "牲畜(禽)资产", ["132"] = "林木资产", ["141"] = "长期投资", ["151"] = "固定资产",
        ["152"] = "累计折旧", ["153"] = "固定资产清理", ["154"] = "在建工程", ["201"] = "短期借款", ["202"] = "应付款",
        ["211"] = "应付工资", ["212"] = "应付福利费", ["221"] = "长期借款及应付款", ["231"] = "一事一议资金", ["301"] = "资本",
        ["311"] = "公积公益金", ["321"] = "本年收益", ["322"] = "收益分配", ["401"] = "生产(劳务)成本", ["501"] = "经营收入",
        ["502"] = "经营支出", ["511"] = "发包及上交收入", ["521"] = "农业税附加返还收入", ["522"] = "补助收入",
        ["531"] = "其他收入", ["541"] = "管理费用", ["551"] = "其他支出", ["561"] = "投资收益",
    });

    /// <summary>
    /// 财会〔2023〕14号, in force from 2024-01-01: renames 农业资产 to 生物资产 and adds 无形资产, 专项应付款 and
    /// 待处理财产损溢. Only the accounts this ledger posts to are listed; the rest of the 42 follow the rule's appendix.
    /// </summary>
    public static readonly Chart Of2023 = new("财会〔2023〕14号", new LocalDate(2024, 1, 1),
        new Dictionary<string, string>(Of2004.Accounts)
        {
            ["101"] = "库存现金", ["131"] = "生物资产", ["132"] = "生物资产-林木", ["161"] = "无形资产",
            ["171"] = "待处理财产损溢", ["241"] = "专项应付款",
        });

    public static Chart InForceOn(LocalDate date) => date >= Of2023.InForceFrom ? Of2023 : Of2004;

    /// <summary>An entry must post to an account of the chart in force on its business date.</summary>
    public static void EnsureInChart(string code, LocalDate on)
    {
        var chart = InForceOn(on);
        if (!chart.Accounts.ContainsKey(code))
            throw Common.Refused.Invalid("accountCode", $"is not an account of the chart in force on {on} ({chart.Rule})");
    }

    /// <summary>Distributions to members (收益分配) need a members' resolution.</summary>
    public const string Distribution = "322";
}
