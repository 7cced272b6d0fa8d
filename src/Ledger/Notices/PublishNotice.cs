using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Notices;

/// <summary>Posts a unit's verified results publicly (公示) for the reform's notice period, saying where objections go.</summary>
public sealed record PublishNotice(
    string IdempotencyKey,
    LocalDate? From,
    IReadOnlyList<string> Places,
    string ObjectionsTo,
    LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        LocalDate? From,
        IReadOnlyList<string>? Places,
        string? ObjectionsTo,
        LocalDate? BusinessDate) : ICommandRequest<PublishNotice>
    {
        public PublishNotice Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Check(Places is { Count: > 0 } && Places.All(p => !string.IsNullOrWhiteSpace(p)), "places",
                    "must name at least one place the notice is posted (notice board, website)")
                .Required(ObjectionsTo, "objectionsTo", 200)
                .ThrowIfBroken();
            return new(IdempotencyKey!, From, Places!, ObjectionsTo!, BusinessDate);
        }
    }

    public NoticePublished Decide(UnitBook unit, Reform reform, Guid noticeId, Stamp stamp)
    {
        unit.EnsureStage(unit.Inventory is not null, "publishing the notice", "the inventory's close");
        if (unit.Notice is not null) throw Refused.Conflict($"The results of {unit.Code} were already noticed from {unit.Notice.From}.");
        var from = From ?? stamp.BusinessDate;
        if (from > stamp.RecordedOn) throw Refused.Invalid("from", "may not be in the future");
        return new NoticePublished(unit.Code, noticeId, from, from.PlusDays(reform.NoticeDays), Places, ObjectionsTo, stamp);
    }
}
