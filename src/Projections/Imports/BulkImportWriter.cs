using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Imports;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Resources;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Debts;
using Weasel.Core;

namespace Sanzi.Projections.Imports;

/// <summary>
/// Writes an import batch by COPY instead of one insert and three upserts per item: the events through Marten's
/// bulk event insert (one transaction, sequence numbers from the store's own sequence, so the daemon and the
/// hash chain take them like any other), then the documents the inline projections keep (item card, catalog
/// row, debt line), built by the projections' own create functions, by bulk document insert. The events are
/// committed first; a run killed between the two leaves streams without their documents, which the next run
/// finds among the rows already imported and writes (<see cref="RepairAsync"/>). If the store has an inline
/// projection this writer doesn't know, or the batch goes to a county's own database, it writes through a session instead,
/// so no read model is ever skipped.
/// </summary>
public sealed class BulkImportWriter(IDocumentStore store) : IImportWriter
{
    private static readonly HashSet<Type> Known = [typeof(Item), typeof(CatalogRow), typeof(DebtLine)];
    private static readonly HashSet<Type> Entering = [typeof(AssetRegistered), typeof(ResourceRegistered), typeof(FundAccountOpened), typeof(DebtRecorded)];

    private readonly SessionImportWriter _session = new(store);

    /// <summary>Every inline projection that reacts to an event entering an item (or can't say which it reacts to) is one this writer stands in for.</summary>
    private bool CoversEveryInlineProjection =>
        ((StoreOptions)store.Options).Projections.All
            .Where(p => p.Lifecycle == ProjectionLifecycle.Inline)
            .Where(p => p is not EventFilterable { IncludedEventTypes.Count: > 0 } filter || filter.IncludedEventTypes.Any(Entering.Contains))
            .SelectMany(p => p.PublishedTypes())
            .All(Known.Contains);

    /// <summary>
    /// A store listener (the integrity chain's writer-side hashes) must see every append in its own transaction, and
    /// Marten's bulk event insert calls none, so with one registered the session path is the only honest one.
    /// </summary>
    private bool HasSessionListeners => ((StoreOptions)store.Options).Listeners.Count > 0;

    public async Task WriteAsync(IReadOnlyList<ImportedItem> items, ImportMetadata metadata, CancellationToken ct)
    {
        if (!CoversEveryInlineProjection || HasSessionListeners || metadata.Tenant is not null)
        {
            await _session.WriteAsync(items, metadata, ct);
            return;
        }

        var registry = (IEventRegistry)store.Options.Events;
        var streams = items.Select(item =>
        {
            var stream = StreamAction.Start(registry, item.ItemId, item.Registered);
            stream.AggregateType = typeof(Item);
            foreach (var e in stream.Events)
            {
                e.Timestamp = metadata.RecordedAt.ToDateTimeOffset();
                e.UserName = metadata.Actor.Name;
                e.CorrelationId = metadata.CorrelationId;
                if (metadata.Actor.Role is { } role) e.SetHeader(EventHeaders.Role, role);
            }

            return stream;
        }).ToList();
        await store.BulkInsertEventsAsync(streams, items.Count, ct);
        // New streams have no documents yet: a plain COPY, no upsert.
        await WriteReadModelsAsync(items.Select(i => i.Registered), BulkInsertMode.InsertsOnly, ct);
    }

    public async Task RepairAsync(IReadOnlyCollection<Guid> existing, string? tenant, CancellationToken ct)
    {
        // The session path owes nothing, and it is the only one a county's own database is written by.
        if (tenant is not null) return;
        await using var session = store.QuerySession();
        var withRows = (await session.LoadManyAsync<CatalogRow>(ct, existing)).Select(r => r.Id).ToHashSet();
        var owed = new List<ILedgerEvent>();
        foreach (var id in existing.Where(id => !withRows.Contains(id)))
            if (await session.Events.FetchStreamAsync(id, token: ct) is [{ Data: ILedgerEvent registered }])
                owed.Add(registered);
        if (owed.Count > 0) await WriteReadModelsAsync(owed, BulkInsertMode.OverwriteExisting, ct);
    }

    private Task WriteReadModelsAsync(IEnumerable<ILedgerEvent> registered, BulkInsertMode mode, CancellationToken ct) =>
        store.BulkInsertDocumentsAsync(registered.SelectMany(ReadModels).ToList(), mode, 10_000, ct);

    /// <summary>What the inline projections make of an item's first event.</summary>
    private static IEnumerable<object> ReadModels(ILedgerEvent registered) => registered switch
    {
        AssetRegistered e => [Item.Create(e), CatalogRow.Create(e)],
        ResourceRegistered e => [Item.Create(e), CatalogRow.Create(e)],
        FundAccountOpened e => [Item.Create(e), CatalogRow.Create(e)],
        DebtRecorded e => [Item.Create(e), CatalogRow.Create(e), DebtLine.Recorded(e)],
        _ => throw new ArgumentOutOfRangeException(nameof(registered), registered.GetType().Name, "is not an event that enters an item"),
    };
}
