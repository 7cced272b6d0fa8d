using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Notices;

public sealed record FilingInput(string? FiledWith, string? Document);

/// <summary>
/// Records the confirmation of the results: a village's members' assembly (成员大会/成员代表大会) once the notice
/// period has run and every objection is settled; a township's 党委会 or 政府常务会议, filed with the county finance
/// bureau, after the notice, waiting for the period only when its reform holds an objection round.
/// </summary>
public sealed record ConfirmResults(string IdempotencyKey, MembersBody Body, LocalDate HeldOn, string Document, LocalDate? BusinessDate,
    Filing? Filing = null) : ILedgerCommand
{
    private static readonly MembersBody[] TownshipBodies = [MembersBody.PartyCommittee, MembersBody.GovernmentExecutiveMeeting];

    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, MembersBody? Body, LocalDate? HeldOn, string? Document, LocalDate? BusinessDate,
        FilingInput? Filing = null) : ICommandRequest<ConfirmResults>
    {
        public ConfirmResults Validate()
        {
            var rules = new Rules()
                .IdempotencyKey(IdempotencyKey)
                .OneOf(Body, "body")
                .Check(HeldOn is not null, "heldOn", "is required")
                .Required(Document, "document", 100);
            if (Filing is not null) rules.Required(Filing.FiledWith, "filing.filedWith", 100).Required(Filing.Document, "filing.document", 100);
            rules.ThrowIfBroken();
            return new(IdempotencyKey!, Body!.Value, HeldOn!.Value, Document!, BusinessDate,
                Filing is null ? null : new Filing(Filing.FiledWith!, Filing.Document!));
        }
    }

    public MembersConfirmed Decide(UnitBook unit, Stamp stamp, bool objectionRound = true)
    {
        unit.EnsureStage(unit.Notice is not null, "the confirmation of the results", "the notice");
        if (unit.Confirmation is not null) throw Refused.Conflict($"The results of {unit.Code} are already confirmed.");
        EnsureBody(unit.Level);
        if (HeldOn > stamp.RecordedOn) throw Refused.Invalid("heldOn", "may not be in the future");
        if (objectionRound && HeldOn <= unit.Notice!.Until)
            throw Refused.Conflict(
                $"The notice of {unit.Code} runs {unit.Notice.From:yyyy-MM-dd} to {unit.Notice.Until:yyyy-MM-dd}, both days included; the members may confirm from {unit.Notice.Until.PlusDays(1):yyyy-MM-dd} on, not on {HeldOn:yyyy-MM-dd}.");
        unit.EnsureInOrder(HeldOn, "heldOn", "the members' confirmation");
        if (unit.OpenObjections is { Count: > 0 } open)
            throw Refused.Conflict($"{open.Count} objection(s) to the notice of {unit.Code} are not yet resolved.");
        return new MembersConfirmed(unit.Code, Body, HeldOn, Document, stamp.On(HeldOn), Filing);
    }

    private void EnsureBody(UnitLevel level)
    {
        var township = level == UnitLevel.Township;
        if (township != TownshipBodies.Contains(Body))
            throw Refused.Invalid("body", township
                ? "must be partyCommittee (党委会) or governmentExecutiveMeeting (政府常务会议): a township has no members' assembly"
                : "must be membersAssembly (成员大会) or membersRepresentatives (成员代表大会) for a village collective");
        if (township && Filing is null)
            throw Refused.Invalid("filing", "is required: a township files its results with the county finance bureau (审核备案)");
    }
}
