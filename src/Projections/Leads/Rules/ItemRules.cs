using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Notices;
using Sanzi.Projections.Audit;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Item not handed over (转移财物, 侵占): an item the unit held at its freeze that, once its books are handed
/// over, was neither transferred to the successor nor disposed of under an exception (特批). Judged over the whole
/// scope, and again only when an event of a unit that has handed over its books arrives, or a transfer or disposal.
/// </summary>
public sealed class ItemNotHandedOver : ILeadRule
{
    public string Name => "itemNotHandedOver";
    public string Flag => "转移财物";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) =>
        fact.Event is ItemTransferred or AssetDisposed || (fact.UnitCode is { } unit && scope.HandedOver(unit) is not null) ? [WholeScope.Key] : [];

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        foreach (var (handover, closed) in scope.Of<BooksHandedOver>())
        {
            if (scope.FrozenAt(closed.UnitCode) is not { } frozen) continue;
            var accounted = scope.Of<ItemTransferred>().Where(t => t.Event.FromUnit == closed.UnitCode).Select(t => t.Event.ItemId)
                .Concat(scope.Of<AssetDisposed>().Where(d => d.Event.ExceptionId is not null).Select(d => d.Event.AssetId))
                .ToHashSet();
            foreach (var entered in scope.ItemsAtFreeze(closed.UnitCode, frozen).Where(f => !accounted.Contains(f.StreamId)))
                yield return scope.Lead(this, closed.UnitCode,
                    $"{scope.ItemLabel(entered.StreamId)}（入账{Yuan(entered.Amount ?? 0m)}）冻结时在账，但未移交给{scope.UnitName(closed.SuccessorCode)}",
                    entered.Amount ?? 0m, null, entered.Counterparty, [entered, handover]);
        }
    }
}

/// <summary>Shortage at the count (盘亏): an item counted as missing in the inventory.</summary>
public sealed class ShortageAtCount : EventRule<ItemCounted>
{
    public override string Name => "shortageAtCount";
    public override string Flag => "盘亏";

    protected override bool Concerns(EventFact fact, ItemCounted c, LeadScope scope) => c.Result == CountResult.Missing;

    protected override Lead Judge(EventFact fact, ItemCounted c, LeadScope scope) =>
        scope.Lead(this, c.UnitCode, $"{scope.ItemLabel(c.ItemId)}（账面{Yuan(c.BookValue)}）于{Day(c.CountedOn)}清查时未找到：{c.Reason}",
            c.BookValue, null, null, [fact]);
}

/// <summary>
/// Unapproved write-down (核减无批准): in the freeze window, a count sets an item's verified value below its book
/// value by more than <see cref="LeadThresholds.WriteDownShare"/> of it. A count line carries a reason but no
/// approval; the only approved route is an upheld objection (异议复核), whose correction is recorded in the same
/// transaction as its count, and those are not leads. Cash is left to 白条抵库.
/// </summary>
public sealed class UnapprovedWriteDown : EventRule<ItemCounted>
{
    public override string Name => "unapprovedWriteDown";
    public override string Flag => "资产核减";

    protected override bool Concerns(EventFact fact, ItemCounted c, LeadScope scope) =>
        c.Result == CountResult.Adjusted && scope.InFreezeWindow(fact) && !scope.IsCashAccount(c.ItemId)
        && c.BookValue - c.VerifiedValue > scope.Thresholds.WriteDownShare * c.BookValue
        && !scope.Of<ObjectionResolved>().Any(r => r.Event.Correction?.ItemId == c.ItemId && r.Event.Stamp.RecordedAt == c.Stamp.RecordedAt);

    protected override Lead Judge(EventFact fact, ItemCounted c, LeadScope scope) =>
        scope.Lead(this, c.UnitCode, $"{scope.ItemLabel(c.ItemId)}清查时由{Yuan(c.BookValue)}核减为{Yuan(c.VerifiedValue)}，无批准：{c.Reason}",
            c.BookValue - c.VerifiedValue, scope.Thresholds.WriteDownShare * c.BookValue, null, [fact]);
}

/// <summary>
/// Transfer to someone other than the successor (转移财物): in the freeze window, a disposal to a named recipient,
/// or a payment to a collective payee (money moved to another organisation's books), whose recipient is
/// neither the designated successor's code nor its name. Handovers themselves only ever go to the successor.
/// </summary>
public sealed class TransferToNonSuccessor : OutflowRule
{
    public override string Name => "transferToNonSuccessor";
    public override string Flag => "转移财物";

    protected override bool Concerns(Outflow o, LeadScope scope) =>
        o is { Fact.Event: AssetDisposed or PaymentRecorded { Payee.Type: HolderType.Collective }, Counterparty: { } to } && scope.InFreezeWindow(o.Fact)
        && scope.SuccessorOf(o.UnitCode) is { } successor && to.Trim() != successor.Code && to.Trim() != successor.Name;

    protected override Lead Judge(Outflow o, LeadScope scope) =>
        scope.Lead(this, o.UnitCode, $"冻结后于{Day(o.Fact.BusinessDate)}{o.What}{Yuan(o.Amount)}给{o.Counterparty}，而非接收单位{scope.SuccessorOf(o.UnitCode)!.Name}",
            o.Amount, null, o.Counterparty, [o.Fact]);
}

/// <summary>
/// Disposal without a resolution (未经决议处置): an asset disposed of with no resolution reference that names a
/// meeting and a number (blank, "无", "同意" and the like count as none).
/// </summary>
public sealed class DisposalWithoutResolution : EventRule<AssetDisposed>
{
    public override string Name => "disposalWithoutResolution";
    public override string Flag => "未经决议处置";

    protected override bool Concerns(EventFact fact, AssetDisposed d, LeadScope scope) => !DocumentForm.IsResolutionReference(d.ResolutionReference);

    protected override Lead Judge(EventFact fact, AssetDisposed d, LeadScope scope) =>
        scope.Lead(this, d.UnitCode,
            $"于{Day(d.Stamp.BusinessDate)}处置{scope.ItemLabel(d.AssetId)}（账面{Yuan(scope.EnteredValue(d.AssetId))}），决议文号为“{d.ResolutionReference}”，不是会议决议",
            scope.EnteredValue(d.AssetId), null, d.Recipient, [fact]);
}

/// <summary>
/// Missing or extra entries (错登漏登): once the books are handed over, an item counted in the inventory as present
/// but not transferred (missing), or an item transferred that the inventory never counted (extra). Judged over the
/// whole scope once a unit has handed over, and again only when a count, transfer or disposal arrives.
/// </summary>
public sealed class MissingOrExtraEntry : ILeadRule
{
    public string Name => "missingOrExtraEntry";
    public string Flag => "错登漏登";

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) =>
        fact.Event is ItemCounted or ItemTransferred or AssetDisposed or BooksHandedOver && scope.FactsOf<BooksHandedOver>().Count > 0 ? [WholeScope.Key] : [];

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        foreach (var (handover, closed) in scope.Of<BooksHandedOver>())
        {
            var counted = scope.Of<ItemCounted>().Where(c => c.Event.UnitCode == closed.UnitCode && c.Event.Result != CountResult.Missing)
                .GroupBy(c => c.Event.ItemId).ToDictionary(g => g.Key, g => g.Last());
            var transferred = scope.Of<ItemTransferred>().Where(t => t.Event.FromUnit == closed.UnitCode)
                .ToDictionary(t => t.Event.ItemId);
            var disposed = scope.Of<AssetDisposed>().Select(d => d.Event.AssetId).ToHashSet();
            foreach (var (item, count) in counted.Where(c => !transferred.ContainsKey(c.Key) && !disposed.Contains(c.Key)))
                yield return scope.Lead(this, closed.UnitCode,
                    $"{scope.ItemLabel(item)}清查时在册（核实{Yuan(count.Event.VerifiedValue)}），移交清册中却没有（漏登）",
                    count.Event.VerifiedValue, null, null, [count.Fact, handover]);
            foreach (var (item, transfer) in transferred.Where(t => !counted.ContainsKey(t.Key)))
                yield return scope.Lead(this, closed.UnitCode,
                    $"{scope.ItemLabel(item)}移交{Yuan(transfer.Event.Value)}，清查中却没有盘点（多登）",
                    transfer.Event.Value, null, null, [transfer.Fact]);
        }
    }
}

/// <summary>The rules judged over the whole scope once books are handed over share one key.</summary>
internal static class WholeScope
{
    public const string Key = "handovers";
}
