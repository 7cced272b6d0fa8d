using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Reforms;

namespace Sanzi.Ledger.Units;

/// <summary>
/// The books (账套) of one administrative unit, township or village, as its decisions need them: where
/// the unit stands in its merger. Items live in their own streams; this stream stays short.
/// </summary>
public sealed record UnitBook(
    Guid Id,
    string Code,
    string Name,
    UnitLevel Level,
    Guid? ReformId = null,
    Instant? FrozenAt = null,
    LocalDate? DebtsLockedAsOf = null,
    InventoryClosed? Inventory = null,
    NoticePublished? Notice = null,
    IReadOnlyList<Guid>? OpenObjections = null,
    MembersConfirmed? Confirmation = null,
    HandoverDrafted? Handover = null,
    IReadOnlyList<HandoverSigned>? Signatures = null,
    Instant? ClosedAt = null,
    string? SuccessorCode = null,
    IReadOnlyList<string>? ReceivedFrom = null,
    RecordedAfterTheFact? AfterTheFact = null,
    LocalDate? LastStepOn = null,
    IReadOnlyList<DivisionCodeChanged>? CodeHistory = null,
    IReadOnlyList<StateAssetsReceived>? OpeningEntries = null)
{
    public static UnitBook Create(UnitRegistered e) => new(StreamIds.ForUnit(e.Code), e.Code, e.Name, e.Level);

    public UnitBook Apply(UnitJoinedReform e) => this with { ReformId = e.ReformId, AfterTheFact = e.AfterTheFact };
    public UnitBook Apply(UnitFrozen e) => this with { FrozenAt = e.FrozenAt, LastStepOn = Stamp.DayOf(e.FrozenAt) };
    public UnitBook Apply(DebtsLocked e) => this with { DebtsLockedAsOf = e.AsOf, LastStepOn = e.AsOf };
    public UnitBook Apply(InventoryClosed e) => this with { Inventory = e, LastStepOn = e.Stamp.BusinessDate };
    public UnitBook Apply(NoticePublished e) => this with { Notice = e, LastStepOn = e.From };

    public UnitBook Apply(ObjectionRaised e) => this with { OpenObjections = [.. OpenObjections ?? [], e.ObjectionId] };

    public UnitBook Apply(ObjectionResolved e) => this with
    {
        LastStepOn = Later(e.Stamp.BusinessDate),
        OpenObjections = (OpenObjections ?? []).Where(id => id != e.ObjectionId).ToList(),
        Inventory = e.Correction is { } c && Inventory is { } inv
            ? inv with { Totals = inv.Totals.Select(t => t.Kind == c.Kind && t.Category == c.Category && t.Ownership == c.Ownership
                ? t with { VerifiedValue = t.VerifiedValue - c.OldVerifiedValue + c.NewVerifiedValue } : t).ToList() }
            : Inventory,
    };

    public UnitBook Apply(MembersConfirmed e) => this with { Confirmation = e, LastStepOn = e.HeldOn };
    public UnitBook Apply(HandoverDrafted e) => this with { Handover = e, Signatures = [], LastStepOn = Later(e.HandoverDate) };
    public UnitBook Apply(HandoverSigned e) => this with { Signatures = [.. Signatures ?? [], e], LastStepOn = Later(e.Stamp.BusinessDate) };
    public UnitBook Apply(BooksHandedOver e) => this with { ClosedAt = e.ClosedAt, SuccessorCode = e.SuccessorCode };
    public UnitBook Apply(BooksReceived e) => this with { ReceivedFrom = [.. ReceivedFrom ?? [], e.FromUnit] };
    public UnitBook Apply(StateAssetsReceived e) => this with { OpeningEntries = [.. OpeningEntries ?? [], e] };
    public UnitBook Apply(DivisionCodeChanged e) => this with { Code = e.NewCode, CodeHistory = [.. CodeHistory ?? [], e] };

    /// <summary>Every code the unit has been known by, the current one last; all but the last are retired.</summary>
    public IReadOnlyList<string> Codes => [.. (CodeHistory ?? []).Select(c => c.OldCode), Code];

    /// <summary>A code of this unit that no longer names it: merged away with its books, or left behind by a code change.</summary>
    public bool Retired(string code) => IsClosed || code != Code;

    public bool IsClosed => ClosedAt is not null;

    public bool IsFrozenAt(Instant instant) => FrozenAt is { } frozen && frozen <= instant;

    /// <summary>Whether the unit was frozen when the entry happened, in business time (not when it was typed in).</summary>
    public bool IsFrozenFor(Stamp stamp) => IsFrozenAt(stamp.BusinessTime());

    private LocalDate Later(LocalDate date) => LastStepOn is { } last && last > date ? last : date;

    /// <summary>
    /// The merger's steps happen in order in business time: a step may not be dated before the step it follows
    /// (the freeze, the lock, the close, the notice, the confirmation, the register, a signature).
    /// </summary>
    public void EnsureInOrder(LocalDate date, string field, string step)
    {
        if (LastStepOn is { } last && date < last)
            throw Refused.Invalid(field, $"is {date:yyyy-MM-dd}, before {last:yyyy-MM-dd}, the day of the step it follows; {step} may not be dated earlier");
    }

    /// <summary>Where the unit stands, for people: the furthest step of its merger it has reached.</summary>
    public UnitStage Stage =>
        IsClosed ? UnitStage.Closed :
        Handover is not null ? UnitStage.HandoverDrafted :
        Confirmation is not null ? UnitStage.Confirmed :
        Notice is not null ? UnitStage.Noticed :
        Inventory is not null ? UnitStage.Inventoried :
        DebtsLockedAsOf is not null ? UnitStage.DebtsLocked :
        FrozenAt is not null ? UnitStage.Frozen :
        ReformId is not null ? UnitStage.InReform : UnitStage.Open;

    /// <summary>
    /// Every entry into the books: refused once they are closed, and, after the freeze, an entry dated
    /// before it must be a correction that says why, unless the whole reform is entered after the fact.
    /// </summary>
    public void EnsureWritable(Stamp stamp, string what)
    {
        if (IsClosed) throw ClosedFor(what);
        if (FrozenAt is { } frozen && AfterTheFact is null && stamp.RecordedAt >= frozen && stamp.BusinessDate < Stamp.DayOf(frozen)
            && DocumentForm.IsPlaceholder(stamp.Correction))
            throw Refused.Invalid("correctionReason",
                $"is required: the entry is dated {stamp.BusinessDate}, before the freeze of {Stamp.DayOf(frozen)}, and is recorded after it, so it is allowed only as a correction that says why (not a placeholder such as 无)");
    }

    /// <summary>
    /// An outflow (payment, disposal, transfer, new liability) after the freeze needs an exception (特批)
    /// that the reform office granted for this unit and this kind of movement, up to its amount.
    /// </summary>
    public void EnsureOutflowAllowed(Stamp stamp, string what, ExceptionScope scope, decimal amount, ExceptionApproved? exception)
    {
        EnsureWritable(stamp, what);
        if (!IsFrozenFor(stamp)) return;
        if (exception is null) throw FrozenFor($"{what} without an exception approval (特批)");
        if (exception.UnitCode != Code || exception.Scope != scope)
            throw Refused.Conflict($"Exception {exception.ExceptionId} was granted for a {ApiNames.Name(exception.Scope)} of unit {exception.UnitCode}, not for this {what}.");
        if (exception.Approver.Trim() == stamp.Actor.Trim())
            throw Refused.Conflict($"Exception {exception.Document} was approved by {exception.Approver}, who may not also use it; another person must record this {what}.");
        if (amount > exception.MaxAmount)
            throw Refused.Conflict($"Exception {exception.ExceptionId} allows at most {exception.MaxAmount:0.00}; this {what} is {amount:0.00}.");
    }

    /// <summary>A new item in the books: not once they are frozen (items found at the count are surplus, 盘盈).</summary>
    public void EnsureNewItemAllowed(Stamp stamp, string what)
    {
        EnsureWritable(stamp, what);
        if (IsFrozenFor(stamp)) throw FrozenFor(what);
    }

    /// <summary>Refuses the inventory, notice and handover steps out of their turn.</summary>
    public void EnsureStage(bool reached, string step, string requirement)
    {
        if (IsClosed) throw ClosedFor(step);
        if (!reached) throw Refused.Conflict($"Unit {Code} ({Name}) is at stage '{ApiNames.Name(Stage)}'; {step} needs {requirement} first.");
    }

    private Refused ClosedFor(string what) =>
        Refused.Conflict($"The books of {Code} ({Name}) were handed over to {SuccessorCode} and closed at {ClosedAt}; {what} is not allowed.");

    private Refused FrozenFor(string what) =>
        Refused.Conflict($"Unit {Code} ({Name}) has been frozen since {FrozenAt} by reform {ReformId}; {what} is not allowed after the freeze.");
}
