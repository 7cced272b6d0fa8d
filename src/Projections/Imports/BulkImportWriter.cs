using Marten;
using Marten.Storage;
using Npgsql;
using Sanzi.Integrity;
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
/// Writes an import batch by COPY instead of one insert, one hash lookup and three upserts per item, all in ONE
/// transaction: the events and their writer-side hashes (<see cref="EventCopy"/>), then the documents the inline
/// projections keep (item card, catalog row, debt line), built by the projections' own create functions and loaded by
/// Marten's bulk loader on the same connection. The catalog rows' trigger keeps the summary totals as for any write.
/// So a batch is there whole or not at all, and a run killed half-way leaves whole batches. If the store has an inline
/// projection or a session listener this writer doesn't know, it writes through a session instead, so nothing is skipped.
/// </summary>
public sealed class BulkImportWriter(IDocumentStore store, EventCopy events, BulkDocuments documents) : IImportWriter
{
    private static readonly HashSet<Type> Known = [typeof(Item), typeof(CatalogRow), typeof(DebtLine)];
    private static readonly HashSet<Type> Entering = [typeof(AssetRegistered), typeof(ResourceRegistered), typeof(FundAccountOpened), typeof(DebtRecorded)];

    /// <summary>The listeners whose work this writer does itself: each event's timestamp is the batch's recording instant.</summary>
    private static readonly Type[] TimestampsSet = [typeof(RecordedAtTimestamps)];

    private readonly SessionImportWriter _session = new(store);

    private bool CoversEveryInlineProjection => InlineCoverage.Covers(store, Entering, Known);

    /// <summary>Whether imports take the COPY path: every read model and listener of an import is one this writer stands in for.</summary>
    public bool Covers => CoversEveryInlineProjection && events.StandsInForListeners(TimestampsSet);

    public async Task WriteAsync(IReadOnlyList<ImportedItem> items, ImportMetadata metadata, CancellationToken ct)
    {
        if (!Covers)
        {
            await _session.WriteAsync(items, metadata, ct);
            return;
        }

        var tenant = await events.TenantAsync(metadata.Tenant);
        await using var connection = tenant.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var headers = metadata.Actor.Role is { } role ? new Dictionary<string, object> { [EventHeaders.Role] = role } : null;
        await events.AppendAsync(connection, transaction, tenant.TenantId,
            items.Select(i => new StreamWrite(i.ItemId, typeof(Item), 0, [i.Registered])).ToList(),
            new WriteMetadata(metadata.Actor.Name, metadata.CorrelationId, headers, null, metadata.RecordedAt.ToDateTimeOffset()), ct);
        await LoadAsync(tenant, connection, transaction, items.Select(i => i.Registered).ToList(), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Batches commit whole, so an earlier run owes nothing; but a catalog row lost some other way (a failed rebuild, a
    /// hand-made delete) is made good here, since the import is what a clerk runs again when the books look short.
    /// </summary>
    public async Task RepairAsync(IReadOnlyCollection<Guid> existing, string? tenant, CancellationToken ct)
    {
        if (!CoversEveryInlineProjection) return;
        await using var session = store.QueryFor(tenant);
        var withRows = (await session.LoadManyAsync<CatalogRow>(ct, existing)).Select(r => r.Id).ToHashSet();
        var owed = new List<ILedgerEvent>();
        foreach (var id in existing.Where(id => !withRows.Contains(id)))
            if (await session.Events.FetchStreamAsync(id, token: ct) is [{ Data: ILedgerEvent registered }])
                owed.Add(registered);
        if (owed.Count > 0)
            await store.BulkInsertDocumentsAsync(session.TenantId, owed.SelectMany(ReadModels).ToList(),
                BulkInsertMode.OverwriteExisting, 10_000, ct);
    }

    /// <summary>New streams have no documents yet: a plain COPY per document type, no upsert.</summary>
    private async Task LoadAsync(Tenant tenant, NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ILedgerEvent> registered,
        CancellationToken ct)
    {
        var models = registered.SelectMany(ReadModels).ToList();
        var rows = models.OfType<CatalogRow>().ToList();
        await documents.InsertAsync(tenant, connection, models.OfType<Item>().ToList(), ct);
        await documents.WithTotalsAsync(connection, transaction, rows.Select(r => r.Id).ToArray(), replacing: false,
            () => documents.InsertAsync(tenant, connection, rows, ct), ct);
        await documents.InsertAsync(tenant, connection, models.OfType<DebtLine>().ToList(), ct);
    }

    /// <summary>What the inline projections make of an item's first event.</summary>
    public static IEnumerable<object> ReadModels(ILedgerEvent registered) => registered switch
    {
        AssetRegistered e => [Item.Create(e), CatalogRow.Create(e)],
        ResourceRegistered e => [Item.Create(e), CatalogRow.Create(e)],
        FundAccountOpened e => [Item.Create(e), CatalogRow.Create(e)],
        DebtRecorded e => [Item.Create(e), CatalogRow.Create(e), DebtLine.Recorded(e)],
        _ => throw new ArgumentOutOfRangeException(nameof(registered), registered.GetType().Name, "is not an event that enters an item"),
    };
}
