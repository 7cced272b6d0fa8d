using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Notices;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Item not handed over (转移财物, 侵占): an item the unit held at its freeze that, once its books are handed
/// over, was neither transferred to the successor nor disposed of under an exception (特批).
/// </summary>
public sealed class ItemNotHandedOver : ILeadRule
{
    public string Name => "itemNotHandedOver";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        foreach (var (handover, closed) in scope.Of<BooksHandedOver>())
        {
            if (scope.FrozenAt(closed.UnitCode) is not { } frozen) continue;
            var accounted = scope.Of<ItemTransferred>().Where(t => t.Event.FromUnit == closed.UnitCode).Select(t => t.Event.ItemId)
                .Concat(scope.Of<AssetDisposed>().Where(d => d.Event.ExceptionId is not null).Select(d => d.Event.AssetId))
                .ToHashSet();
            foreach (var entered in scope.ItemsAtFreeze(closed.UnitCode, frozen).Where(f => !accounted.Contains(f.StreamId)))
                yield return Lead.Of(Name, closed.UnitCode,
                    $"{entered.Type} {entered.StreamId} was in the books at the freeze but is not in the handover to {closed.SuccessorCode} (转移财物)",
                    entered.Amount ?? 0m, null, entered.Counterparty, [entered, handover]);
        }
    }
}

/// <summary>Shortage at the count (盘亏): an item counted as missing in the inventory.</summary>
public sealed class ShortageAtCount : ILeadRule
{
    public string Name => "shortageAtCount";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Of<ItemCounted>().Where(c => c.Event.Result == CountResult.Missing)
            .Select(c => Lead.Of(Name, c.Event.UnitCode,
                $"Item {c.Event.ItemId} with a book value of {c.Event.BookValue:0.00} was not found at the count: {c.Event.Reason} (盘亏)",
                c.Event.BookValue, null, null, [c.Fact]));
}

/// <summary>
/// Unapproved write-down (核减无批准): between the freeze and the handover, a count sets an item's verified
/// value below its book value by more than <see cref="LeadThresholds.WriteDownShare"/> of it. A count line
/// carries a reason but no approval; the only approved route is an upheld objection (异议复核), whose correction
/// is recorded in the same transaction as its count, and those are not leads.
/// </summary>
public sealed class UnapprovedWriteDown : ILeadRule
{
    public string Name => "unapprovedWriteDown";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        var approved = scope.Of<ObjectionResolved>().Where(r => r.Event.Correction is not null)
            .Select(r => (r.Event.Correction!.ItemId, r.Event.Stamp.RecordedAt)).ToHashSet();
        return scope.Of<ItemCounted>()
            .Where(c => c.Event.Result == CountResult.Adjusted && scope.InFreezeWindow(c.Fact)
                        && c.Event.BookValue - c.Event.VerifiedValue > scope.Thresholds.WriteDownShare * c.Event.BookValue
                        && !approved.Contains((c.Event.ItemId, c.Event.Stamp.RecordedAt)))
            .Select(c => Lead.Of(Name, c.Event.UnitCode,
                $"Item {c.Event.ItemId} written down from {c.Event.BookValue:0.00} to {c.Event.VerifiedValue:0.00} at the count without an approval: {c.Event.Reason}",
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

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Outflows()
            .Where(o => scope.InFreezeWindow(o.Fact) && o.Counterparty is not null
                        && o.Fact.Event is AssetDisposed or PaymentRecorded { Payee.Type: HolderType.Collective }
                        && scope.SuccessorOf(o.UnitCode) is { } successor
                        && o.Counterparty.Trim() != successor.Code && o.Counterparty.Trim() != successor.Name)
            .Select(o => Lead.Of(Name, o.UnitCode,
                $"A {o.What} of {o.Amount:0.00} to {o.Counterparty} after the freeze, not to the successor {scope.SuccessorOf(o.UnitCode)!.Name} (转移财物)",
                o.Amount, null, o.Counterparty, [o.Fact]));
}
