using NodaTime;

namespace Sanzi.Projections.Leads;

/// <summary>
/// One event behind a lead, to open it in the audit trail or a trace, with what an inspector asks of a
/// movement: its item, purpose, account, approver and exception (特批), and the value that moved (for a
/// disposal or transfer the value that left the books, not the proceeds), and the documents (附件) it carries.
/// </summary>
public sealed record LeadEvent(
    long Sequence,
    Guid EventId,
    Guid StreamId,
    string Type,
    LocalDate BusinessDate,
    string Actor,
    string? Item,
    decimal? Value,
    string? Counterparty,
    string? Purpose,
    string? AccountCode,
    string? Approver,
    string? Exception,
    IReadOnlyList<string>? Documents = null);

/// <summary>
/// The event after which a stored lead no longer held (a correction, a late transfer, an exception): the lead
/// is kept, marked withdrawn (已撤回) by it, never deleted.
/// </summary>
public sealed record LeadWithdrawal(long Sequence, Guid EventId, string Type, Instant RecordedAt);

/// <summary>
/// A lead (线索) for the discipline inspectors: the rule that found it (its API name and its Chinese flag), the
/// unit, a summary in Chinese, the amount against the rule's threshold, who recorded the events and when, and
/// the events themselves. Its id is derived from the rule, the unit and the lead's first event, so evaluating
/// again updates a lead instead of repeating it.
/// </summary>
public sealed record Lead(
    string Id,
    string Rule,
    string Flag,
    string UnitCode,
    string UnitName,
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

    /// <summary>Whether judging again found the lead as it is stored, so storing it would change nothing (lists compared by their items).</summary>
    public static bool SameContent(Lead stored, Lead found) =>
        stored with { Actors = found.Actors, Events = found.Events } == found
        && stored.Actors.SequenceEqual(found.Actors) && stored.Events.Count == found.Events.Count
        && stored.Events.Zip(found.Events).All(e => e.First with { Documents = e.Second.Documents } == e.Second
                                                   && (e.First.Documents ?? []).SequenceEqual(e.Second.Documents ?? []));
}
