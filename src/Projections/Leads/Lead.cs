using NodaTime;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

/// <summary>One event behind a lead, to open it in the audit trail or a trace.</summary>
public sealed record LeadEvent(long Sequence, Guid EventId, Guid StreamId, string Type);

/// <summary>
/// The event after which a stored lead no longer held (a correction, a late transfer, an exception): the lead
/// is kept, marked withdrawn (已撤回) by it, never deleted.
/// </summary>
public sealed record LeadWithdrawal(long Sequence, Guid EventId, string Type, Instant RecordedAt);

/// <summary>
/// A lead (线索) for the discipline inspectors: the rule that found it, the unit, the amount against the
/// rule's threshold, who recorded the events and when, and the events themselves. Its id is derived from
/// the rule, the unit and the lead's first event, so evaluating again updates a lead instead of repeating it.
/// </summary>
public sealed record Lead(
    string Id,
    string Rule,
    string UnitCode,
    Guid? ReformId,
    string Summary,
    decimal Amount,
    decimal? Threshold,
    string? Counterparty,
    IReadOnlyList<string> Actors,
    Instant FirstRecordedAt,
    Instant LastRecordedAt,
    LocalDate FirstBusinessDate,
    LocalDate LastBusinessDate,
    IReadOnlyList<LeadEvent> Events,
    LeadWithdrawal? Withdrawn = null)
{
    public bool IsStanding => Withdrawn is null;

    public static Lead Of(string rule, string unitCode, string summary, decimal amount, decimal? threshold, string? counterparty,
        IReadOnlyList<EventFact> facts)
    {
        var ordered = facts.OrderBy(f => f.Sequence).ToList();
        return new Lead($"{rule}/{unitCode}/{ordered[0].Sequence}", rule, unitCode, null, summary, amount, threshold, counterparty,
            ordered.Select(f => f.Actor).Distinct().ToList(),
            ordered.Min(f => f.RecordedAt), ordered.Max(f => f.RecordedAt),
            ordered.Min(f => f.BusinessDate), ordered.Max(f => f.BusinessDate),
            ordered.Select(f => new LeadEvent(f.Sequence, f.EventId, f.StreamId, f.Type)).ToList());
    }
}
