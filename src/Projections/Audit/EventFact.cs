using JasperFx.Events;
using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Projections.Audit;

/// <summary>
/// A ledger event as the audit trail, the traces and the red-flag rules see it: the event itself, where it
/// sits in the log, and the role the actor acted in (kept in the event's metadata, as the stamp predates roles).
/// </summary>
public sealed record EventFact(long Sequence, Guid EventId, Guid StreamId, string? Role, ILedgerEvent Event)
{
    public Stamp Stamp => Event.Stamp;
    public string Actor => Event.Stamp.Actor;
    public Instant RecordedAt => Event.Stamp.RecordedAt;
    public LocalDate BusinessDate => Event.Stamp.BusinessDate;
    public string Type => EventFacts.TypeName(Event.GetType());
    /// <summary>Taken once: the rolling scopes ask it of every event of a batch for each reform they hold, and it reads a property by reflection.</summary>
    public string? UnitCode { get; } = EventFacts.UnitOf(Event);
    public decimal? Amount => EventFacts.AmountOf(Event);
    public string? Counterparty => EventFacts.CounterpartyOf(Event);
    public IReadOnlyList<string> Documents => EventFacts.DocumentsOf(Event);

    /// <summary>A ledger event as read from the store, with the role from its headers.</summary>
    public static EventFact Of(IEvent e) =>
        new(e.Sequence, e.Id, e.StreamId, e.GetHeader(EventHeaders.Role)?.ToString(), (ILedgerEvent)e.Data);
}
