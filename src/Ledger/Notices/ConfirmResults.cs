using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Notices;

/// <summary>
/// Records the members' assembly (成员大会/成员代表大会) confirming the results, once the notice period
/// has run and every objection is settled.
/// </summary>
public sealed record ConfirmResults(string IdempotencyKey, MembersBody Body, LocalDate HeldOn, string Document, LocalDate? BusinessDate)
    : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, MembersBody? Body, LocalDate? HeldOn, string? Document, LocalDate? BusinessDate)
        : ICommandRequest<ConfirmResults>
    {
        public ConfirmResults Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .OneOf(Body, "body")
                .Check(HeldOn is not null, "heldOn", "is required")
                .Required(Document, "document", 100)
                .ThrowIfBroken();
            return new(IdempotencyKey!, Body!.Value, HeldOn!.Value, Document!, BusinessDate);
        }
    }

    public MembersConfirmed Decide(UnitBook unit, Stamp stamp)
    {
        unit.EnsureStage(unit.Notice is not null, "the members' confirmation", "the notice");
        if (unit.Confirmation is not null) throw Refused.Conflict($"The results of {unit.Code} are already confirmed.");
        if (HeldOn > stamp.RecordedOn) throw Refused.Invalid("heldOn", "may not be in the future");
        if (HeldOn <= unit.Notice!.Until)
            throw Refused.Conflict(
                $"The notice of {unit.Code} runs {unit.Notice.From:yyyy-MM-dd} to {unit.Notice.Until:yyyy-MM-dd}, both days included; the members may confirm from {unit.Notice.Until.PlusDays(1):yyyy-MM-dd} on, not on {HeldOn:yyyy-MM-dd}.");
        unit.EnsureInOrder(HeldOn, "heldOn", "the members' confirmation");
        if (unit.OpenObjections is { Count: > 0 } open)
            throw Refused.Conflict($"{open.Count} objection(s) to the notice of {unit.Code} are not yet resolved.");
        return new MembersConfirmed(unit.Code, Body, HeldOn, Document, stamp.On(HeldOn));
    }
}
