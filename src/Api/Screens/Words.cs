using System.Globalization;
using System.Text.Json;

namespace Sanzi.Api.Screens;

/// <summary>The Chinese words the screens show for the API's codes, and the ledger's way of writing money and dates.</summary>
public static class Words
{
    /// <summary>
    /// A unit's stages in the order a merger passes them. "open" is a unit keeping its books as usual: one no reform
    /// names yet, or the new unit after a merger, so it is not called "not in a reform".
    /// </summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Stages =
    [
        ("open", "正常运行"), ("inReform", "已纳入改革"), ("frozen", "已冻结"), ("debtsLocked", "债务已锁定"), ("inventoried", "已清查"),
        ("noticed", "公示中"), ("confirmed", "已确认"), ("handoverDrafted", "移交清册已编制"), ("closed", "已移交"),
    ];

    public static string Stage(string? code) => Stages.FirstOrDefault(s => s.Code == code).Name ?? code ?? "";

    public static int StageIndex(string? code) => Stages.Select(s => s.Code).ToList().IndexOf(code ?? "");

    /// <summary>What the next step needs, said to the person who can do it.</summary>
    public static string Blocker(string? stage, int openObjections) => stage switch
    {
        "open" => "未在撤并中",
        "inReform" => "待召开四个会议并由改革办冻结三资",
        "frozen" => "待改革办锁定债权债务余额",
        "debtsLocked" => "待逐项清点核实并关闭清查",
        "inventoried" => "待公示清产核资结果",
        "noticed" when openObjections > 0 => $"有 {openObjections} 项异议待处理",
        "noticed" => "待公示期满后由成员（代表）大会确认",
        "confirmed" => "待编制移交清册",
        "handoverDrafted" => "待移交人、接收人、监交人签字",
        "closed" => "账套已移交，已关闭",
        _ => "",
    };

    public static readonly IReadOnlyDictionary<string, string> Roles = new Dictionary<string, string>
    {
        ["reform-office"] = "改革办", ["township-clerk"] = "乡镇会计", ["finance-auditor"] = "财政审计", ["inspector"] = "纪检监察",
    };

    public static string Role(string? code) => code is not null && Roles.TryGetValue(code, out var name) ? name : code ?? "";

    public static readonly IReadOnlyDictionary<string, string> Meetings = new Dictionary<string, string>
    {
        ["jointCommittees"] = "两委联席会议", ["partyMembers"] = "党员大会", ["villagerRepresentatives"] = "村民代表会议", ["villagers"] = "村民会议",
    };

    public static readonly IReadOnlyDictionary<string, string> Signers = new Dictionary<string, string>
    {
        ["handingOver"] = "移交人", ["receiving"] = "接收人", ["supervising"] = "监交人",
    };

    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        ["fund"] = "资金", ["asset"] = "资产", ["resource"] = "资源", ["claim"] = "债权", ["liability"] = "债务",
    };

    public static readonly IReadOnlyDictionary<string, string> ItemStatus = new Dictionary<string, string>
    {
        ["inBooks"] = "在册", ["inUse"] = "在用", ["counted"] = "已核实", ["missing"] = "盘亏", ["disposed"] = "已处置", ["handedOver"] = "已移交",
    };

    /// <summary>The red-flag rules (线索规则) by the names the API gives them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Rules = new Dictionary<string, string>
    {
        ["sharedPayee"] = "多单位同一收款人", ["payeeIsActor"] = "经办人即收款人", ["largeCashPayment"] = "大额现金支付", ["cashAboveLimit"] = "库存现金超限",
        ["itemNotHandedOver"] = "财物未移交", ["shortageAtCount"] = "清查盘亏", ["unapprovedWriteDown"] = "未经批准核销", ["transferToNonSuccessor"] = "移交给非承继单位",
        ["outflowInFreeze"] = "冻结期流出", ["exceptedOutflow"] = "特批流出", ["backDatedEntry"] = "倒签入账", ["rushSpending"] = "突击花钱",
        ["splitPayment"] = "拆分支付", ["debtInflation"] = "虚增债务", ["claimLoss"] = "债权流失",
    };

    /// <summary>The events an item's history shows most often; others keep the API's name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Events = new Dictionary<string, string>
    {
        ["assetRegistered"] = "资产登记", ["assetFoundAtCount"] = "盘盈入账", ["assetDisposed"] = "资产处置", ["resourceRegistered"] = "资源登记",
        ["fundAccountOpened"] = "开设账户", ["paymentMade"] = "付款", ["receiptRecorded"] = "收款", ["debtRecorded"] = "债权债务登记",
        ["debtIncreased"] = "债务增加", ["debtReduced"] = "债权债务减少", ["itemCounted"] = "清点核实", ["itemTransferred"] = "移交转入",
        ["booksHandedOver"] = "账套移交",
    };

    public static string Of(IReadOnlyDictionary<string, string> words, string? code) =>
        code is not null && words.TryGetValue(code, out var word) ? word : code ?? "";

    public static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Money(JsonElement value) => value.ValueKind == JsonValueKind.Number ? Money(value.GetDecimal()) : "";

    /// <summary>2026-04-01 → 2026年4月1日; an ISO instant is shown as its Beijing day and time.</summary>
    public static string Date(string? iso)
    {
        if (string.IsNullOrEmpty(iso)) return "";
        if (DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && iso.Contains('T'))
        {
            var beijing = at.ToOffset(TimeSpan.FromHours(8));
            return $"{beijing.Year}年{beijing.Month}月{beijing.Day}日 {beijing:HH:mm}";
        }
        return DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? $"{day.Year}年{day.Month}月{day.Day}日"
            : iso;
    }

    /// <summary>A JSON property as text, or empty when absent or null.</summary>
    public static string Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText()
            : "";

    public static JsonElement Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) ? v : default;

    public static IEnumerable<JsonElement> Each(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [];

    public static decimal Number(this JsonElement element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : 0m;
}
