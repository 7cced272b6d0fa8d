using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Notices;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Item not handed over (转移财物, 侵占): an item the unit held at its freeze that, once its books are handed
/// over, was neither transferred to the successor nor disposed of under an exception (特批).
/// </summary>
public sealed class ItemNotHandedOver : ILeadRule
{
    public string Name => "itemNotHandedOver";
    public string Flag => "转移财物";

    public IEnumerable<Lead> Find(LeadScope scope)
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
public sealed class ShortageAtCount : ILeadRule
{
    public string Name => "shortageAtCount";
    public string Flag => "盘亏";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Of<ItemCounted>().Where(c => c.Event.Result == CountResult.Missing)
            .Select(c => scope.Lead(this, c.Event.UnitCode,
                $"{scope.ItemLabel(c.Event.ItemId)}（账面{Yuan(c.Event.BookValue)}）于{Day(c.Event.CountedOn)}清查时未找到：{c.Event.Reason}",
                c.Event.BookValue, null, null, [c.Fact]));
}

/// <summary>
/// Unapproved write-down (核减无批准): in the freeze window, a count sets an item's verified value below its book
/// value by more than <see cref="LeadThresholds.WriteDownShare"/> of it. A count line carries a reason but no
/// approval; the only approved route is an upheld objection (异议复核), whose correction is recorded in the same
/// transaction as its count, and those are not leads. Cash is left to 白条抵库.
/// </summary>
public sealed class UnapprovedWriteDown : ILeadRule
{
    public string Name => "unapprovedWriteDown";
    public string Flag => "资产核减";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        var approved = scope.Of<ObjectionResolved>().Where(r => r.Event.Correction is not null)
            .Select(r => (r.Event.Correction!.ItemId, r.Event.Stamp.RecordedAt)).ToHashSet();
        return scope.Of<ItemCounted>()
            .Where(c => c.Event.Result == CountResult.Adjusted && scope.InFreezeWindow(c.Fact) && !scope.IsCashAccount(c.Event.ItemId)
                        && c.Event.BookValue - c.Event.VerifiedValue > scope.Thresholds.WriteDownShare * c.Event.BookValue
                        && !approved.Contains((c.Event.ItemId, c.Event.Stamp.RecordedAt)))
            .Select(c => scope.Lead(this, c.Event.UnitCode,
                $"{scope.ItemLabel(c.Event.ItemId)}清查时由{Yuan(c.Event.BookValue)}核减为{Yuan(c.Event.VerifiedValue)}，无批准：{c.Event.Reason}",
                c.Event.BookValue - c.Event.VerifiedValue, scope.Thresholds.WriteDownShare * c.Event.BookValue, null, [c.Fact]));
    }
}

/// <summary>
/// Transfer to someone other than the successor (转移财物): in the freeze window, a disposal to a named recipient,
/// or a payment to a collective payee (money moved to another organisation's books), whose recipient is
/// neither the designated successor's code nor its name. Handovers themselves only ever go to the successor.
/// </summary>
public sealed class TransferToNonSuccessor : ILeadRule
{
    public string Name => "transferToNonSuccessor";
    public string Flag => "转移财物";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Outflows()
            .Where(o => scope.InFreezeWindow(o.Fact) && o.Counterparty is not null
                        && o.Fact.Event is AssetDisposed or PaymentRecorded { Payee.Type: HolderType.Collective }
                        && scope.SuccessorOf(o.UnitCode) is { } successor
                        && o.Counterparty.Trim() != successor.Code && o.Counterparty.Trim() != successor.Name)
            .Select(o => scope.Lead(this, o.UnitCode,
                $"冻结后于{Day(o.Fact.BusinessDate)}{o.What}{Yuan(o.Amount)}给{o.Counterparty}，而非接收单位{scope.SuccessorOf(o.UnitCode)!.Name}",
                o.Amount, null, o.Counterparty, [o.Fact]));
}

/// <summary>
/// Disposal without a resolution (未经决议处置): an asset disposed of with no resolution reference that names a
/// meeting and a number (blank, "无", "同意" and the like count as none).
/// </summary>
public sealed class DisposalWithoutResolution : ILeadRule
{
    public string Name => "disposalWithoutResolution";
    public string Flag => "未经决议处置";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Of<AssetDisposed>().Where(d => !DocumentForm.IsResolutionReference(d.Event.ResolutionReference))
            .Select(d => scope.Lead(this, d.Event.UnitCode,
                $"于{Day(d.Event.Stamp.BusinessDate)}处置{scope.ItemLabel(d.Event.AssetId)}（账面{Yuan(scope.EnteredValue(d.Event.AssetId))}），决议文号为“{d.Event.ResolutionReference}”，不是会议决议",
                scope.EnteredValue(d.Event.AssetId), null, d.Event.Recipient, [d.Fact]));
}

/// <summary>
/// Missing or extra entries (错登漏登): once the books are handed over, an item counted in the inventory as present
/// but not transferred (missing), or an item transferred that the inventory never counted (extra).
/// </summary>
public sealed class MissingOrExtraEntry : ILeadRule
{
    public string Name => "missingOrExtraEntry";
    public string Flag => "错登漏登";

    public IEnumerable<Lead> Find(LeadScope scope)
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
