using System.Globalization;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Handovers;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Handovers;

/// <summary>One item of the register, with the old unit's and the new unit's codes.</summary>
public sealed record HandoverItem(
    int No,
    Guid ItemId,
    string FromUnit,
    string ToUnit,
    string EntityCode,
    string ItemCode,
    string Name,
    ItemKind Kind,
    string CategoryName,
    decimal Quantity,
    string MeasureUnit,
    decimal Value);

/// <summary>A party of the handover and, once given, their signature: the day it was signed (business time) and when it was recorded.</summary>
public sealed record HandoverSignature(HandoverRole Role, string RoleName, string Name, string Post, string? Signer, LocalDate? SignedOn,
    Instant? RecordedAt);

/// <summary>
/// The handover register (移交清册) of an old unit: header (unit, successor, date, the three parties, archives,
/// seals, pending matters, remarks), one row per item, and the signatures of 移交人, 接收人 and 监交人 with their
/// days. Assets (funds, claims, assets and resources) and liabilities are totalled apart and the net shown
/// beside them, never added together; land is also totalled by area per land type. Before the third signature it
/// lists what the draft would hand over, at today's verified values.
/// </summary>
public sealed record HandoverReport(
    string UnitCode,
    string UnitName,
    string? AsOf,
    Instant? KnownAt,
    Guid HandoverId,
    string SuccessorCode,
    string SuccessorName,
    LocalDate HandoverDate,
    bool Completed,
    LocalDate? ClosedOn,
    Instant? ClosedAt,
    int ItemCount,
    decimal AssetsTotal,
    decimal LiabilitiesTotal,
    decimal NetValue,
    IReadOnlyList<LandLine> Land,
    IReadOnlyList<string> Archives,
    IReadOnlyList<string> Seals,
    IReadOnlyList<string> PendingMatters,
    string? Remarks,
    IReadOnlyList<HandoverItem> Items,
    IReadOnlyList<HandoverSignature> Signatures,
    Ownership Book,
    TransferTerms? Transfer,
    IReadOnlyList<Insignia> Insignia) : IReport
{
    private static readonly IReadOnlyDictionary<InsigniaFate, string> FateNames = new Dictionary<InsigniaFate, string>
    {
        [InsigniaFate.HandedOver] = "移交", [InsigniaFate.Surrendered] = "上缴", [InsigniaFate.Destroyed] = "销毁",
    };

    private static readonly IReadOnlyDictionary<InsigniaKind, string> KindNames = new Dictionary<InsigniaKind, string>
    {
        [InsigniaKind.Seal] = "印章", [InsigniaKind.Licence] = "证照", [InsigniaKind.Plaque] = "牌匾",
    };

    private static readonly IReadOnlyDictionary<HandoverRole, string> RoleNames = new Dictionary<HandoverRole, string>
    {
        [HandoverRole.HandingOver] = "移交人",
        [HandoverRole.Receiving] = "接收人",
        [HandoverRole.Supervising] = "监交人",
    };

    public static HandoverReport Build(UnitRecords records)
    {
        var unit = records.Unit;
        var draft = unit.Handover ?? throw Refused.NotFound($"Unit {unit.Code} has no handover register{(records.Time.IsNow ? "" : $" {records.Time}")}.");
        var lines = unit.IsClosed
            ? records.Lines.Where(l => l.Transfer?.HandoverId == draft.HandoverId).ToList()
            : records.Lines.Where(l => !l.HandedOver && l.Item.IsHeld).ToList();
        var items = lines.Select((l, i) => new HandoverItem(i + 1, l.Item.Id, unit.Code, draft.SuccessorCode, draft.EntityCode, l.Item.ItemCode,
            l.Item.Name, l.Item.Kind, l.Item.CategoryName, l.Transfer?.HandedQuantity ?? l.Item.Quantity, l.Item.MeasureUnit,
            l.Transfer?.Value ?? l.Item.VerifiedValue)).ToList();
        var signed = unit.Signatures ?? [];
        var signatures = draft.Parties.Select(p => (p, s: signed.FirstOrDefault(s => s.Role == p.Role && (s.PartyName ?? p.Name) == p.Name)))
            .Select(x => new HandoverSignature(x.p.Role, RoleNames[x.p.Role], x.p.Name, x.p.Post, x.s?.Signer, x.s?.Stamp.BusinessDate,
                x.s?.Stamp.RecordedAt)).ToList();
        var assets = items.Where(i => i.Kind != ItemKind.Liability).Sum(i => i.Value);
        var liabilities = items.Where(i => i.Kind == ItemKind.Liability).Sum(i => i.Value);
        var land = lines.Where(l => l.Item.Kind == ItemKind.Resource)
            .Select(l => l.Item with { Quantity = l.Transfer?.HandedQuantity ?? Reports.Land.VerifiedArea(l.Item), Count = null,
                Value = l.Transfer?.Value ?? l.Item.VerifiedValue });
        return new HandoverReport(unit.Code, unit.Name, records.Time.AsOf, records.Time.KnownAt, draft.HandoverId, draft.SuccessorCode,
            records.NameOf(draft.SuccessorCode), draft.HandoverDate, unit.IsClosed, unit.IsClosed ? signed.Max(s => s.Stamp.BusinessDate) : null,
            unit.ClosedAt, items.Count, assets, liabilities, assets - liabilities, Reports.Land.ByType(land), draft.Archives, draft.Seals,
            draft.PendingMatters, draft.Remarks, items, signatures, records.Book, draft.Transfer, draft.Insignia ?? []);
    }

    public string FileName() => $"移交清册-{UnitCode}-{BookOf.ChineseName(Book)}";

    /// <summary>移交人, 接收人, 监交人 sign a handover register.</summary>
    public Filing Filing() => new("移交清册", $"{UnitName}（{UnitCode}）", Texts.Date(HandoverDate), ["移交人", "接收人", "监交人"]);

    public IReadOnlyList<Table> Tables() =>
    [
        new("移交清册",
        [
            new("序号", CellKind.Number), new("原单位代码"), new("接收单位代码"), new("核算主体"), new("编号"), new("名称"), new("三资类别"),
            new("类别"), new("数量", CellKind.Number), new("计量单位"), new("移交金额", CellKind.Money),
        ],
        Items.Select(i => new object?[]
        {
            i.No, i.FromUnit, i.ToUnit, i.EntityCode, i.ItemCode, i.Name, Texts.Kind(i.Kind), i.CategoryName, i.Quantity, i.MeasureUnit, i.Value,
        }).ToList()),
        new("交接信息", [new("项目"), new("内容")],
        [
            ["移交单位", $"{UnitName}（{UnitCode}）"],
            ["接收单位", $"{SuccessorName}（{SuccessorCode}）"],
            ["移交日期", Texts.Date(HandoverDate)],
            ["移交项数", ItemCount.ToString(CultureInfo.InvariantCulture)],
            ["资产合计", Money(AssetsTotal)],
            ["负债合计", Money(LiabilitiesTotal)],
            ["净资产", Money(NetValue)],
            ["档案", string.Join("；", Archives)],
            ["账套", BookOf.ChineseName(Book)],
            ["移交方式", Transfer is null ? null : $"{(Transfer.Mode == TransferMode.FreeTransfer ? "无偿调拨" : "无偿划转")}（{Transfer.Document}）"],
            ["印章", string.Join("；", Seals)],
            ["印章证照牌匾", string.Join("；", Insignia.Select(x => $"{KindNames[x.Kind]} {x.Name}：{FateNames[x.Fate]}{(x.Document is null ? "" : $"（{x.Document}）")}"))],
            ["待办事项", string.Join("；", PendingMatters)],
            ["备注", Remarks],
            ["封账日期", Texts.Date(ClosedOn)],
            ["记账时间", Texts.Local(ClosedAt)],
        ]),
        Reports.Land.Table(Land),
        new("签字", [new("角色"), new("姓名"), new("职务"), new("签字人"), new("签字日期"), new("记账时间")],
            Signatures.Select(s => new object?[] { s.RoleName, s.Name, s.Post, s.Signer, Texts.Date(s.SignedOn), Texts.Local(s.RecordedAt) }).ToList()),
    ];

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
