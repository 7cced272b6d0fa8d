using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Notices;

/// <summary>One item as the notice shows it: no keeper, no account number, no individual's name.</summary>
public sealed record NoticeItem(string ItemCode, string Kind, string CategoryName, string Name, decimal Quantity, string MeasureUnit, string? Location,
    decimal BookValue, decimal VerifiedValue, decimal Difference, string? Reason);

public sealed record NoticeTotal(string Kind, string CategoryName, int Items, decimal? AreaMu, decimal BookValue, decimal VerifiedValue);

/// <summary>
/// The public notice (公示) of a unit's verified results, as the domain brief requires it: every item and the
/// totals, the surplus and shortage, the notice period, where it is posted and where objections go, and
/// nothing personal. What it shows is an allow-list, field by field: these records are all an anonymous page
/// ever sees. Individuals are named only by their kind, and every free text passes <see cref="PersonalData"/>.
/// </summary>
public sealed record PublicNotice(
    string UnitCode,
    string UnitName,
    string? AsOf,
    Instant? KnownAt,
    Guid NoticeId,
    string? ReformTitle,
    string? ApprovalDocument,
    LocalDate? SnapshotDate,
    LocalDate From,
    LocalDate Until,
    /// <summary>The notice period in days, both ends included: 4月20日 to 4月26日 is 7 days.</summary>
    int Days,
    IReadOnlyList<string> Places,
    string ObjectionsTo,
    IReadOnlyList<NoticeItem> Items,
    IReadOnlyList<NoticeTotal> Totals,
    int SurplusItems,
    decimal SurplusValue,
    int MissingItems,
    decimal MissingValue,
    Ownership Book)
{
    /// <summary>The notice of a township's state book is a 国有资产 notice, of a collective book a 集体资产 one.</summary>
    public string Title => $"{UnitName}{BookOf.ChineseName(Book)}清产核资结果公示";

    /// <summary>
    /// The number printed on the notice board: a unit publishes one notice per book, so its code, the first day posted
    /// and the book name it; the notice id stays in the page's stable address, not in front of villagers.
    /// </summary>
    public string Number => $"{UnitCode}-{From:yyyyMMdd}-{(Book == Ownership.State ? "国" : "集")}";

    public static PublicNotice Build(UnitRecords records, Reform? reform)
    {
        var notice = records.Unit.Notice
                     ?? throw Refused.NotFound($"Unit {records.Unit.Code} has published no notice{(records.Time.IsNow ? "" : $" {records.Time}")}.");
        var items = records.Lines.Where(l => l.HandedOver || l.Item.IsInBooks).Select(l => l.Item).ToList();
        var inventory = records.Unit.Inventory;
        var personal = PersonalData.Of(records);
        string? Mask(string? text) => personal.Mask(text);
        return new PublicNotice(records.Unit.Code, records.Unit.Name, records.Time.AsOf, records.Time.KnownAt, notice.NoticeId, reform?.Title, reform?.ApprovalDocument, inventory?.SnapshotDate,
            notice.From, notice.Until, Period.Between(notice.From, notice.Until, PeriodUnits.Days).Days + 1, notice.Places.Select(p => Mask(p)!).ToList(),
            Mask(notice.ObjectionsTo)!, items.Select(i => Line(i, personal)).ToList(),
            UnitItems.Totals(items).Select(t => new NoticeTotal(Texts.Kind(t.Kind), items.First(i => i.Kind == t.Kind && i.Category == t.Category).CategoryName,
                t.Items, t.Kind == ItemKind.Resource ? t.Quantity : null, t.BookValue, t.VerifiedValue)).ToList(),
            inventory?.SurplusItems ?? 0, inventory?.SurplusValue ?? 0m, inventory?.MissingItems ?? 0, inventory?.MissingValue ?? 0m, records.Book);
    }

    private static NoticeItem Line(Item item, PersonalData personal) =>
        new(item.ItemCode, Texts.Kind(item.Kind), item.CategoryName, PublicName(item, personal), item.Quantity, item.MeasureUnit,
            item.Kind is ItemKind.Asset or ItemKind.Resource ? personal.Mask(item.Location) : null, item.BookValue, item.VerifiedValue,
            item.VerifiedValue - item.BookValue, personal.Mask(item.Count?.Reason));

    /// <summary>A claim on or a debt to a person, or an account a person holds, shows the kind of holder, not the person.</summary>
    private static string PublicName(Item item, PersonalData personal) => item switch
    {
        { Kind: ItemKind.Claim or ItemKind.Liability, Holder: HolderType.Individual } => "个人（姓名不予公示）",
        { Kind: ItemKind.Fund, Holder: HolderType.Individual } => "个人名下账户（户名、账号不予公示）",
        _ => personal.Mask(item.Name),
    };
}
