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
    /// The unit's item cards (as <see cref="UnitItems.ItemsOfUnitAsync"/> reads them, in item-code order), each with its
    /// stream's version and catalog row, in one read: the decision and the transfers need all three. An item with a catalog
    /// row is read from the row alone: the row's card is folded by the card's own Apply methods from the same events
    /// (<see cref="CatalogRow"/>), so it is the card. The JSON is parsed on every core (~35 MB for 10,000 items).
    /// </summary>
    public async Task<Holdings> ReadAsync(IDocumentSession session, string unitCode, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select s.version, c.data::text, case when c.id is null then i.data::text end
            from {Table<Item>()} i
              join {store.Options.Events.DatabaseSchemaName}.mt_streams s on s.id = i.id
              left join {Table<CatalogRow>()} c on c.id = i.id
            where i.data ->> 'unitCode' = $1
            order by i.data ->> 'itemCode'
            """) { Parameters = { new NpgsqlParameter { Value = unitCode } } };
        var read = new List<(long Version, byte[]? Row, byte[]? Card)>();
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
                read.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2)));

        var serializer = store.Options.Serializer();
        var (items, rows) = (new Item[read.Count], new CatalogRow?[read.Count]);
        Parallel.For(0, read.Count, i =>
        {
            rows[i] = read[i].Row is { } row ? serializer.FromJson<CatalogRow>(new MemoryStream(row)) : null;
            items[i] = rows[i]?.Item ?? serializer.FromJson<Item>(new MemoryStream(read[i].Card!));
        });
        return new Holdings(items, items.Select((item, i) => (item.Id, read[i].Version)).ToDictionary(),
            rows.OfType<CatalogRow>().ToDictionary(r => r.Id));
    }

    /// <summary>A unit's item cards, their streams' versions and their catalog rows, read together.</summary>
    public sealed record Holdings(IReadOnlyList<Item> Items, Dictionary<Guid, long> Versions, Dictionary<Guid, CatalogRow> Rows);

    /// <summary>
    /// Enlists the transfers of items read in <paramref name="holdings"/> in the session's transaction. Each item's stream
    /// must still be at the version read there when the transaction commits, or the whole signature is a lost race, decided again.
    /// </summary>
    public void Enlist(IDocumentSession session, Holdings holdings, IReadOnlyList<ItemTransferred> transfers)
    {
        if (session is not ITransactionParticipantRegistrar registrar) throw new InvalidOperationException("A Marten session takes transaction participants.");
        var held = holdings.Items.ToDictionary(i => i.Id);
        var (versions, rows) = (holdings.Versions, holdings.Rows);
        var headers = (session as QuerySession)?.Headers;
        registrar.AddTransactionParticipant(new Participant(events, documents, session.TenantId,
            transfers.Select(t => new StreamWrite(t.ItemId, typeof(Item), versions[t.ItemId], [t])).ToList(),
            new WriteMetadata(session.LastModifiedBy ?? "", session.CorrelationId, headers, session.CausationId, transfers[0].Stamp.RecordedAt.ToDateTimeOffset()),
            transfers.Select(t => (t.ItemId, versions[t.ItemId] + 1, held[t.ItemId].Apply(t))).ToList(),
            transfers.Where(t => rows.ContainsKey(t.ItemId)).Select(t => (t.ItemId, versions[t.ItemId] + 1, rows[t.ItemId].Apply(t))).ToList()));
    }

    private string Table<T>() => store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;

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
