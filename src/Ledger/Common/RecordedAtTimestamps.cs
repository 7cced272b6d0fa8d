using Marten;

namespace Sanzi.Ledger.Common;

/// <summary>
/// Marten's timestamp of each event is its stamp's recording instant, not the database's clock: "known at" reads the very
/// instant the hash chain covers and the ledger shows, and one clock, the ledger's <see cref="NodaTime.IClock"/>, rules both.
/// </summary>
public sealed class RecordedAtTimestamps : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var e in session.PendingChanges.Streams().SelectMany(s => s.Events))
            if (e.Data is ILedgerEvent { Stamp: { } stamp })
                e.Timestamp = stamp.RecordedAt.ToDateTimeOffset();
        return Task.CompletedTask;
    }
}
