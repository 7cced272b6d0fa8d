using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Resources;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Audit;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Outflow in the freeze window (冻结期违规支出): a payment, disposal or new or grown liability at or after the
/// unit's freeze (business time) without an exception (特批). The commands refuse these, so a lead means the
/// guard was bypassed (an import, a direct write) and is worth the most attention.
/// </summary>
public sealed class OutflowInFreeze : OutflowRule
{
    public override string Name => "outflowInFreeze";
    public override string Flag => "突击花钱";

    protected override bool Concerns(Outflow o, LeadScope scope) => o.ExceptionId is null && scope.InFreezeWindow(o.Fact);

    protected override Lead Judge(Outflow o, LeadScope scope) =>
        scope.Lead(this, o.UnitCode, $"冻结后于{Day(o.Fact.BusinessDate)}{o.What}{Yuan(o.Amount)}（{o.Counterparty}），未经特批",
            o.Amount, null, o.Counterparty, [o.Fact]);
}

/// <summary>
/// Excepted outflow (特批支出): an outflow in the freeze window under an exception, listed apart from the
/// unexcepted ones so inspectors can review every exception's use against its reason.
/// </summary>
public sealed class ExceptedOutflow : OutflowRule
{
    public override string Name => "exceptedOutflow";
    public override string Flag => "特批支出";

    protected override bool Concerns(Outflow o, LeadScope scope) => o.ExceptionId is not null && scope.InFreezeWindow(o.Fact);

    protected override Lead Judge(Outflow o, LeadScope scope)
    {
        var exception = scope.Exception(o.ExceptionId);
        return scope.Lead(this, o.UnitCode,
            $"冻结后于{Day(o.Fact.BusinessDate)}凭特批{exception?.Document}（{exception?.Approver}批准，理由：{exception?.Reason}）{o.What}{Yuan(o.Amount)}（{o.Counterparty}）",
            o.Amount, exception?.MaxAmount, o.Counterparty, [o.Fact]);
    }
}

/// <summary>
/// Back-dated entry (倒签补记): a movement recorded after a report of its unit had shown the books (the freeze
/// snapshot, the inventory, the notice, the confirmation, the handover register) but dated before that report's
/// day, so it changes figures people already saw, and it gives no correction reason. Lateness alone is no lead:
/// books entered after the fact are late throughout, and a stated correction is the honest way to fix a book.
/// </summary>
public sealed class BackDatedEntry : EventRule<ILedgerEvent>
{
    public override string Name => "backDatedEntry";
    public override string Flag => "倒签补记";

    protected override bool Concerns(EventFact fact, ILedgerEvent e, LeadScope scope) => Shown(fact, scope) is not null;

    protected override Lead Judge(EventFact entry, ILedgerEvent e, LeadScope scope)
    {
        var shown = Shown(entry, scope)!;
        return scope.Lead(this, entry.UnitCode!,
            $"{Day(entry.BusinessDate)}的{EventNames.Chinese(entry.Type)}{(entry.Amount is { } a ? Yuan(a) : "")}于{Day(entry.Stamp.RecordedOn)}才记入，改变了{Day(DayOf(shown))}{EventNames.Chinese(shown.Type)}已显示的数字，且未说明更正理由",
            entry.Amount ?? 0m, null, entry.Counterparty, [entry, shown]);
    }

    /// <summary>The first report (in log order) of the entry's unit that showed its books before the entry was recorded, with a later day.</summary>
    private static EventFact? Shown(EventFact entry, LeadScope scope) =>
        entry.Stamp.Correction is null && IsMovement(entry.Event)
            ? Reports(scope).FirstOrDefault(r => r.UnitCode == entry.UnitCode && r.RecordedAt < entry.RecordedAt && entry.BusinessDate < DayOf(r))
            : null;

    private static IEnumerable<EventFact> Reports(LeadScope scope) =>
        new[] { scope.FactsOf<UnitFrozen>(), scope.FactsOf<InventoryClosed>(), scope.FactsOf<NoticePublished>(), scope.FactsOf<MembersConfirmed>(),
            scope.FactsOf<HandoverDrafted>() }.SelectMany(r => r).Where(f => f.UnitCode is not null).OrderBy(f => f.Sequence);

    private static NodaTime.LocalDate DayOf(EventFact report) =>
        report.Event is UnitFrozen f ? Stamp.DayOf(f.FrozenAt) : report.BusinessDate;

    private static bool IsMovement(ILedgerEvent e) => e is PaymentRecorded or ReceiptRecorded or FundAccountOpened or DebtRecorded
        or DebtIncreased or DebtReduced or AssetRegistered or AssetDisposed or ResourceRegistered or ResourceContracted;
}
