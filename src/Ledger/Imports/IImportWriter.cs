using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;

namespace Sanzi.Ledger.Imports;

/// <summary>Who imports and when: what every imported event records as its metadata; and the county database it goes to, if any.</summary>
public sealed record ImportMetadata(Actor Actor, string? CorrelationId, Instant RecordedAt, string? Tenant = null);

/// <summary>Sessions in the database of a county (a tenant) when the ledger keeps one per county, else in the one database.</summary>
public static class TenantSessions
{
    public static IDocumentSession SessionFor(this IDocumentStore store, string? tenant) =>
        tenant is null ? store.LightweightSession() : store.LightweightSession(tenant);

    public static IQuerySession QueryFor(this IDocumentStore store, string? tenant) =>
        tenant is null ? store.QuerySession() : store.QuerySession(tenant);
}

/// <summary>An item the import enters: the id of its new stream and the event its decision took.</summary>
public sealed record ImportedItem(Guid ItemId, ILedgerEvent Registered);

/// <summary>
/// How decided rows reach the store, one batch per call, all or nothing. The plain way is a Marten session
/// (<see cref="SessionImportWriter"/>); the read side may offer a bulk way that keeps its read models itself.
/// </summary>
public interface IImportWriter
{
    Task WriteAsync(IReadOnlyList<ImportedItem> items, ImportMetadata metadata, CancellationToken ct);

    /// <summary>Streams an earlier run wrote: whatever a bulk writer owes them (read models written after the events) is made good.</summary>
    Task RepairAsync(IReadOnlyCollection<Guid> existing, string? tenant, CancellationToken ct);
}

/// <summary>Starts each item's stream in one Marten session per batch: the inline projections run as for any command.</summary>
public sealed class SessionImportWriter(IDocumentStore store) : IImportWriter
{
    public async Task WriteAsync(IReadOnlyList<ImportedItem> items, ImportMetadata metadata, CancellationToken ct)
    {
        await using var session = store.SessionFor(metadata.Tenant);
        foreach (var item in items) session.Events.StartStream<Item>(item.ItemId, item.Registered);
        session.LastModifiedBy = metadata.Actor.Name;
        session.CorrelationId = metadata.CorrelationId;
        if (metadata.Actor.Role is { } role) session.SetHeader(EventHeaders.Role, role);
        await session.SaveChangesAsync(ct);
    }

    public Task RepairAsync(IReadOnlyCollection<Guid> existing, string? tenant, CancellationToken ct) => Task.CompletedTask;
}
