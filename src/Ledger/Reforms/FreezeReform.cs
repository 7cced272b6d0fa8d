using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Reforms;

/// <summary>
/// The reform office freezes (冻结) every 三资 item of the old units from an instant on, in business time. The
/// instant may be now or later, never earlier, unless the reform is entered after the fact (补录): then it is
/// the past instant the county decided, not after the recording time nor before the steps it follows.
/// </summary>
public sealed record FreezeReform(string IdempotencyKey, Instant? FreezeAt, string Document, LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>How far a freeze instant may lag the server clock, for clients whose clocks run slow.</summary>
    public static readonly Duration ClockTolerance = Duration.FromMinutes(5);

    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, Instant? FreezeAt, string? Document, LocalDate? BusinessDate) : ICommandRequest<FreezeReform>
    {
        public FreezeReform Validate()
        {
            new Rules().IdempotencyKey(IdempotencyKey).Required(Document, "document", 100).ThrowIfBroken();
            return new(IdempotencyKey!, FreezeAt, Document!, BusinessDate);
        }
    }

    public IReadOnlyList<StreamEvent> Decide(Reform reform, Stamp stamp)
    {
        if (reform.IsFrozen)
            throw Refused.Conflict($"Reform {reform.Id} was already frozen as of {reform.FreezeAt}.");
        var missing = reform.Predecessors
            .SelectMany(p => reform.MissingResolutions(p.Code).Select(m => $"{p.Code} {ApiNames.Name(m)}"))
            .ToList();
        if (missing.Count > 0)
            throw Refused.Conflict(
                $"A village merger may freeze only after the four meetings (四个会) of each old village have resolved; missing: {string.Join(", ", missing)}.");
        var freezeAt = FreezeAt ?? stamp.RecordedAt;
        if (reform.AfterTheFact is null && freezeAt < stamp.RecordedAt - ClockTolerance)
            throw Refused.Invalid("freezeAt",
                "may not be in the past: a freeze cannot reach back over recorded entries, unless the reform is declared as entered after the fact (afterTheFact)");
        if (reform.AfterTheFact is not null && freezeAt > stamp.RecordedAt + ClockTolerance)
            throw Refused.Invalid("freezeAt", "may not be later than the recording time in a reform entered after the fact");
        var followed = reform.Resolutions.Select(r => r.HeldOn).Append(reform.ApprovedOn ?? Stamp.DayOf(freezeAt)).Max();
        if (Stamp.DayOf(freezeAt) < followed)
            throw Refused.Invalid("freezeAt", $"may not be dated before {followed}, the approval or the last of the four meetings it follows");

        // Stated for the freeze's own day; a freeze planned for later keeps the recording day until it comes.
        if (Stamp.DayOf(freezeAt) <= stamp.RecordedOn) stamp = stamp.On(Stamp.DayOf(freezeAt));
        return
        [
            new(reform.Id, new ReformFrozen(reform.Id, freezeAt, Document, stamp)),
            .. reform.Predecessors.Select(p =>
                new StreamEvent(StreamIds.ForUnit(p.Code), new Units.UnitFrozen(p.Code, reform.Id, freezeAt, stamp))),
        ];
    }
}

/// <summary>The answer to <see cref="FreezeReform"/>.</summary>
public sealed record ReformFreeze(Guid ReformId, Instant FreezeAt, IReadOnlyList<string> FrozenUnits);
