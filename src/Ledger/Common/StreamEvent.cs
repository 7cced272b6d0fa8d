using Marten;

namespace Sanzi.Ledger.Common;

/// <summary>An event a decision wants appended, and the stream it belongs to; for decisions that span streams.</summary>
public sealed record StreamEvent(Guid StreamId, ILedgerEvent Event);

public static class StreamEventAppending
{
    /// <summary>Appends each event to its stream; streams fetched for writing keep their version guard.</summary>
    public static void Append(this IDocumentSession session, IEnumerable<StreamEvent> events)
    {
        foreach (var group in events.GroupBy(e => e.StreamId))
            session.Events.Append(group.Key, group.Select(e => (object)e.Event).ToArray());
    }
}
