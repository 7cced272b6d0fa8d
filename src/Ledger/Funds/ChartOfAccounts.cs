using NodaTime;
using Sanzi.Ledger.Common;

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

    /// <summary>
    /// The government accounting rules (政府会计制度, 财会〔2017〕25号, in force from 2019-01-01) a township keeps its
    /// state book (国有资产) by; only the main accounts are listed, with the two revenue accounts receipts post to.
    /// </summary>
    public static readonly Chart Government = new("财会〔2017〕25号 政府会计制度", new LocalDate(2019, 1, 1), new Dictionary<string, string>
    {
        ["1001"] = "库存现金", ["1002"] = "银行存款", ["1011"] = "零余额账户用款额度", ["1021"] = "其他货币资金", ["1212"] = "应收账款",
        ["1214"] = "预付账款", ["1218"] = "其他应收款", ["1302"] = "库存物品", ["1501"] = "长期股权投资", ["1601"] = "固定资产", ["1602"] = "固定资产累计折旧",
        ["1611"] = "工程物资", ["1613"] = "在建工程", ["1701"] = "无形资产", ["1702"] = "无形资产累计摊销", ["1801"] = "公共基础设施",
        ["1811"] = "政府储备物资", ["1821"] = "文物文化资产", ["1831"] = "保障性住房", ["1891"] = "受托代理资产", ["1902"] = "待处理财产损溢",
        ["2001"] = "短期借款", ["2201"] = "应付职工薪酬", ["2302"] = "应付账款", ["2307"] = "其他应付款", ["2501"] = "长期借款",
        ["2502"] = "长期应付款", ["2901"] = "受托代理负债", ["3001"] = "累计盈余", ["3401"] = "无偿调拨净资产", ["4001"] = "财政拨款收入",
        ["4609"] = "其他收入", ["5001"] = "业务活动费用", ["5101"] = "单位管理费用",
    });

    /// <summary>无偿调拨净资产: what a receiver of state assets books them against.</summary>
    public const string FreeTransferNetAssets = "3401";

    public static Chart InForceOn(LocalDate date) => date >= Of2023.InForceFrom ? Of2023 : Of2004;

    /// <summary>The chart a book posts to on a date: the government chart for the state book, the village chart of the day for the collective one.</summary>
    public static Chart Of(Ownership book, LocalDate on) => book == Ownership.State ? Government : InForceOn(on);

    /// <summary>An entry must post to an account of its book's chart in force on its business date; the two books never share one.</summary>
    public static void EnsureInChart(string code, LocalDate on, Ownership book)
    {
        var chart = Of(book, on);
        if (!chart.Accounts.ContainsKey(code))
            throw Refused.Invalid("accountCode",
                $"is not an account of the {BookOf.ChineseName(book)} book's chart in force on {on} ({chart.Rule}); the collective and state books never share accounts");
    }

    /// <summary>Distributions to members (收益分配) need a members' resolution.</summary>
    public const string Distribution = "322";
}
