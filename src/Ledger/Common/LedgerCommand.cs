using NodaTime;

namespace Sanzi.Ledger.Common;

/// <summary>
/// A command a user sends. The client's idempotency key makes a retry return the first answer instead
/// of writing twice; the optional business date defaults to today in Beijing time.
/// </summary>
public interface ILedgerCommand
{
    string IdempotencyKey { get; }
    LocalDate? BusinessDate { get; }

    /// <summary>Why an entry dated before a freeze is recorded after it; such entries are corrections only.</summary>
    string? CorrectionReason => null;

    /// <summary>Shape rules that need no state: required fields, ranges, formats.</summary>
    Rules Validate();
}

/// <summary>
/// A command aimed at one thing (a unit by its code, an item or a reform by its id): its handler loads
/// the state, takes the decision and appends the events, and the answer goes back to the caller.
/// </summary>
public interface ILedgerCommand<in TTarget, TAnswer> : ILedgerCommand
{
    Task<TAnswer> Handle(Marten.IDocumentSession session, TTarget target, Stamp stamp, CancellationToken ct);
}

/// <summary>Builds the stamp of a command's events from the actor, the clock and the business date.</summary>
public static class Stamps
{
    public static Stamp For(ILedgerCommand command, Actor actor, Instant now)
    {
        var stamp = new Stamp(actor.Name, now, command.BusinessDate ?? Stamp.DayOf(now), command.CorrectionReason);
        if (stamp.BusinessDate > stamp.RecordedOn)
            throw Refused.Invalid("businessDate", $"may not be later than the recording date {stamp.RecordedOn}");
        return stamp;
    }
}
