using NodaTime;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Audit;

/// <summary>
/// One row of the audit trail per event: who (actor and role), when it was recorded, the business date, the
/// request's correlation id, the money, the counterparty and the document references, in indexed columns so
/// inspectors can filter millions of events. The id is the event's sequence number, which is also the
/// cursor for paging.
/// </summary>
public sealed record AuditEntry(
    long Id,
    Guid EventId,
    Guid StreamId,
    string Type,
    string? UnitCode,
    string Actor,
    string? Role,
    DateTimeOffset RecordedAt,
    LocalDate BusinessDate,
    string? Correction,
    string? CorrelationId,
    decimal? Amount,
    string? Counterparty,
    IReadOnlyList<string> Documents)
{
    public static AuditEntry From(EventFact fact, string? correlationId, string? counterparty) =>
        new(fact.Sequence, fact.EventId, fact.StreamId, fact.Type, fact.UnitCode, fact.Actor, fact.Role,
            fact.RecordedAt.ToDateTimeOffset(), fact.BusinessDate, fact.Stamp.Correction, correlationId, fact.Amount,
            counterparty ?? fact.Counterparty, fact.Documents);
}
