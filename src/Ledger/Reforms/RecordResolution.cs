using Marten;
using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Reforms;

/// <summary>Records the resolution of one of an old village's four meetings (四个会) on the merger.</summary>
public sealed record RecordResolution(
    string IdempotencyKey,
    string? UnitCode,
    string? Meeting,
    LocalDate? HeldOn,
    string? Document,
    LocalDate? BusinessDate) : ILedgerCommand<Guid, ResolutionRecorded>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .DivisionCode(UnitCode, "unitCode")
        .OneOf<Meeting>(Meeting, "meeting")
        .Check(HeldOn is not null, "heldOn", "is required")
        .Required(Document, "document", 100);

    public ResolutionRecorded Decide(Reform? reform, Guid reformId, Stamp stamp)
    {
        if (reform is null) throw Refused.NotFound($"Reform {reformId} is not in the ledger.");
        reform.PredecessorOf(UnitCode!);
        if (HeldOn > stamp.RecordedOn) throw Refused.Invalid("heldOn", "may not be in the future");
        var meeting = ApiNames.Parse<Meeting>(Meeting!);
        if (reform.Resolutions.Any(r => r.UnitCode == UnitCode && r.Meeting == meeting))
            throw Refused.Conflict($"The {Meeting} resolution of {UnitCode} is already recorded.");
        return new ResolutionRecorded(reformId, UnitCode!, meeting, HeldOn!.Value, Document!, stamp);
    }

    public async Task<ResolutionRecorded> Handle(IDocumentSession session, Guid reformId, Stamp stamp, CancellationToken ct)
    {
        var reform = await session.Events.FetchForWriting<Reform>(reformId, ct);
        var recorded = Decide(reform.Aggregate, reformId, stamp);
        reform.AppendOne(recorded);
        return recorded;
    }
}
