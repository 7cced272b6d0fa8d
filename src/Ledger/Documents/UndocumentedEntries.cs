using Microsoft.Extensions.Configuration;
using Marten;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Documents;

/// <summary>
/// With <c>Documents__Undocumented=refuse</c>, an exception, disposal, write-off or distribution (322) that cites no
/// document is refused (400 naming <c>documents</c>) instead of becoming an <c>undocumentedEntry</c> lead. Checked on
/// the events about to be saved, by the same <see cref="Evidence"/> the lead rule reads, so every path that writes
/// them (commands, imports) is held to it.
/// </summary>
public sealed class UndocumentedEntries : DocumentSessionListenerBase
{
    public const string Setting = "Documents:Undocumented";

    public static bool Refused(IConfiguration configuration) => string.Equals(configuration[Setting], "refuse", StringComparison.OrdinalIgnoreCase);

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var undocumented = session.PendingChanges.Streams().SelectMany(s => s.Events).Select(e => e.Data).OfType<ILedgerEvent>()
            .FirstOrDefault(e => Evidence.NeededFor(e) is not null && e.Stamp.Documents is not { Count: > 0 });
        if (undocumented is not null)
            throw Ledger.Common.Refused.Invalid("documents",
                $"is required for a {Evidence.NeededFor(undocumented)}: cite the scanned approval or resolution uploaded with POST /api/documents");
        return Task.CompletedTask;
    }
}
