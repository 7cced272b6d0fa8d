namespace Sanzi.Projections.Audit;

/// <summary>The Chinese name of each kind of event, for text people read (leads, traces).</summary>
public static class EventNames
{
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["assetRegistered"] = "资产登记", ["assetFoundAtCount"] = "盘盈资产", ["assetDisposed"] = "资产处置",
        ["debtRecorded"] = "债权债务登记", ["debtIncreased"] = "债权债务增加", ["debtReduced"] = "债权债务减少", ["debtsLocked"] = "锁定债务余额",
        ["fundAccountOpened"] = "资金账户登记", ["receiptRecorded"] = "收款", ["paymentRecorded"] = "付款",
        ["handoverDrafted"] = "移交清册", ["handoverSigned"] = "移交签字", ["itemTransferred"] = "移交", ["booksHandedOver"] = "整体移交",
        ["booksReceived"] = "整体接收", ["itemCounted"] = "清查盘点", ["inventoryClosed"] = "清产核资结果", ["noticePublished"] = "公示",
        ["objectionRaised"] = "异议", ["objectionResolved"] = "异议复核", ["membersConfirmed"] = "成员大会确认", ["reformDeclared"] = "调整方案",
        ["resolutionRecorded"] = "会议决议", ["exceptionApproved"] = "特批", ["reformFrozen"] = "冻结", ["reformCompleted"] = "改革完成",
        ["resourceRegistered"] = "资源登记", ["resourceContracted"] = "资源发包", ["unitRegistered"] = "单位登记",
        ["unitJoinedReform"] = "列入调整方案", ["unitFrozen"] = "冻结封账", ["documentUploaded"] = "上传附件", ["documentsAttached"] = "补附件",
    };

    public static string Chinese(string type) => Names.GetValueOrDefault(type, type);
}
