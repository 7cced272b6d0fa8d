using Marten;
using Marten.Internal.Sessions;
using Marten.Services;
using Npgsql;
using Sanzi.Integrity;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Imports;

namespace Sanzi.Projections.Handovers;

/// <summary>
/// The third signature's transfers (移交) of every item by the bulk path, in the signature's own transaction: a Marten
/// session appends to each item's stream with a statement, a version lookup, a hash lookup and two upserts of its own
/// (about 2 ms an item, 22 s for a 10,000-item unit); here the events go by <see cref="EventCopy"/> and the item cards
/// and catalog rows, folded in memory by their own Apply methods, are replaced in bulk, just before the session commits.
/// The signature, the closing of the books and the transfers commit together or not at all, as the inspection expects.
/// </summary>
public sealed class BulkTransfers(IDocumentStore store, EventCopy events, BulkDocuments documents)
{
    private static readonly Type[] Written = [typeof(ItemTransferred)];
    private static readonly Type[] Kept = [typeof(Item), typeof(CatalogRow)];

    /// <summary>Whether every read model of a transfer is one this path keeps, and no unknown listener must see it.</summary>
    public bool Covers => InlineCoverage.Covers(store, Written, Kept) && events.StandsInForListeners([typeof(RecordedAtTimestamps)]);

    /// <summary>
    /// Enlists the transfers of <paramref name="items"/> in the session's transaction. Each item's stream must still be at
    /// the version read here when the transaction commits, or the whole signature is a lost race, decided again.
    /// </summary>
    public async Task EnlistAsync(IDocumentSession session, IReadOnlyList<Item> items, IReadOnlyList<ItemTransferred> transfers, CancellationToken ct)
    {
        if (session is not ITransactionParticipantRegistrar registrar) throw new InvalidOperationException("A Marten session takes transaction participants.");
        var held = items.ToDictionary(i => i.Id);
        var ids = transfers.Select(t => t.ItemId).ToArray();
        var versions = (await session.QueryAsync<StreamVersion>(
                $"select row_to_json(s) from (select id, version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any(?)) s", ct, ids))
            .ToDictionary(v => v.Id, v => v.Version);
        var rows = (await session.LoadManyAsync<CatalogRow>(ct, ids)).ToDictionary(r => r.Id);
        var headers = (session as QuerySession)?.Headers;
        registrar.AddTransactionParticipant(new Participant(events, documents, session.TenantId,
            transfers.Select(t => new StreamWrite(t.ItemId, typeof(Item), versions[t.ItemId], [t])).ToList(),
            new WriteMetadata(session.LastModifiedBy ?? "", session.CorrelationId, headers, session.CausationId, transfers[0].Stamp.RecordedAt.ToDateTimeOffset()),
            transfers.Select(t => (t.ItemId, versions[t.ItemId] + 1, held[t.ItemId].Apply(t))).ToList(),
            transfers.Where(t => rows.ContainsKey(t.ItemId)).Select(t => (t.ItemId, versions[t.ItemId] + 1, rows[t.ItemId].Apply(t))).ToList()));
    }

    private sealed record StreamVersion(Guid Id, long Version);

    private sealed class Participant(EventCopy events, BulkDocuments documents, string tenantId, IReadOnlyList<StreamWrite> writes,
        WriteMetadata metadata, IReadOnlyList<(Guid, long, Item)> cards, IReadOnlyList<(Guid, long, CatalogRow)> rows) : ITransactionParticipant
    {
        private bool _written;

        public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
        {
            // Marten keeps participants for the session's life; a later save of the same session must not write the transfers again.
            if (_written) return;
            _written = true;
            await events.AppendAsync(connection, transaction, tenantId, writes, metadata, token);
            await documents.ReplaceAsync(connection, transaction, cards, token);
            await documents.WithTotalsAsync(connection, transaction, rows.Select(r => r.Item1).ToArray(), replacing: true,
                () => documents.ReplaceAsync(connection, transaction, rows, token), token);
        }
    }
}
