using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Notices;

/// <summary>
/// Posts a unit's verified results publicly (公示) for the reform's notice period, saying where objections go. The
/// period is N full days counted inclusively (day 1 is the first day posted), at least the county's minimum when
/// the results hold collective assets, and starts no earlier than the inventory's close.
/// </summary>
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

    /// <summary>How many days the notice runs: the reform's, raised to the county's minimum for collective assets.</summary>
    public static int Days(Reform reform, IReadOnlyList<Item> items, NoticeRules rules) =>
        items.Any(i => i.Ownership == Ownership.Collective) ? Math.Max(reform.NoticeDays, rules.MinimumDays) : reform.NoticeDays;

    public NoticePublished Decide(UnitBook unit, Reform reform, int days, Guid noticeId, Stamp stamp)
    {
        unit.EnsureStage(unit.Inventory is not null, "publishing the notice", "the inventory's close");
        if (unit.Notice is not null) throw Refused.Conflict($"The results of {unit.Code} were already noticed from {unit.Notice.From}.");
        var from = From ?? stamp.BusinessDate;
        if (from > stamp.RecordedOn) throw Refused.Invalid("from", "may not be in the future");
        unit.EnsureInOrder(from, From is null ? "businessDate" : "from", "the notice (it starts no earlier than the inventory's close)");
        // Day 1 is the first day posted, so N days end on day N: 4月20日 to 4月26日 is 7 days, confirmed from 4月27日.
        return new NoticePublished(unit.Code, noticeId, from, from.PlusDays(days - 1), Places, ObjectionsTo, stamp.On(from));
    }
}
