using NodaTime;

namespace Sanzi.Ledger.Common;

/// <summary>
/// A command as its decision sees it, validated and typed. The client's idempotency key makes a retry
/// return the first answer instead of writing twice; the optional business date defaults to today in
/// Beijing time.
/// </summary>
public interface ILedgerCommand
{
    string IdempotencyKey { get; }
    LocalDate? BusinessDate { get; }

    /// <summary>Why an entry dated before a freeze is recorded after it; such entries are corrections only.</summary>
    string? CorrectionReason => null;
}

/// <summary>
/// A command's body as it arrives over the wire, where any field may be missing. Validation checks the
/// shape rules that need no state and gives the typed command, or refuses naming every broken field.
/// </summary>
public interface ICommandRequest<out TCommand> where TCommand : ILedgerCommand
{
    TCommand Validate();
}

/// <summary>Builds the stamp of a command's events from the actor, the clock and the business date.</summary>
public static class Stamps
{
    /// <param name="documents">The uploaded documents the write cites, already found in the store; none is null.</param>
    public static Stamp For(ILedgerCommand command, Actor actor, Instant now, IReadOnlyList<string>? documents = null)
    {
        var stamp = new Stamp(actor.Name, now, command.BusinessDate ?? Stamp.DayOf(now), command.CorrectionReason,
            documents is { Count: > 0 } ? documents : null);
        if (stamp.BusinessDate > stamp.RecordedOn)
            throw Refused.Invalid("businessDate", $"may not be later than the recording date {stamp.RecordedOn}");
        return stamp;
    }
}
