using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Reforms;

/// <summary>Records the resolution of one of an old village's four meetings (四个会) on the merger.</summary>
public sealed record RecordResolution(string IdempotencyKey, string UnitCode, Meeting Meeting, LocalDate HeldOn, string Document, LocalDate? BusinessDate)
    : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? UnitCode,
        Meeting? Meeting,
        LocalDate? HeldOn,
        string? Document,
        LocalDate? BusinessDate) : ICommandRequest<RecordResolution>
    {
        public RecordResolution Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .DivisionCode(UnitCode, "unitCode")
                .OneOf(Meeting, "meeting")
                .Check(HeldOn is not null, "heldOn", "is required")
                .Required(Document, "document", 100)
                .ThrowIfBroken();
            return new(IdempotencyKey!, UnitCode!, Meeting!.Value, HeldOn!.Value, Document!, BusinessDate);
        }
    }

    public ResolutionRecorded Decide(Reform reform, Stamp stamp)
    {
        reform.PredecessorOf(UnitCode);
        if (HeldOn > stamp.RecordedOn) throw Refused.Invalid("heldOn", "may not be in the future");
        if (reform.Resolutions.Any(r => r.UnitCode == UnitCode && r.Meeting == Meeting))
            throw Refused.Conflict($"The {ApiNames.Name(Meeting)} resolution of {UnitCode} is already recorded.");
        return new ResolutionRecorded(reform.Id, UnitCode, Meeting, HeldOn, Document, stamp.On(HeldOn));
    }
}
