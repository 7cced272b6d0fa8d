using Marten;
using Marten.Internal.Sessions;
using Marten.Services;
using Npgsql;
using NpgsqlTypes;
using Sanzi.Integrity;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Imports;
using Sanzi.Projections.Summary;

namespace Sanzi.Projections.Handovers;

/// <summary>
/// The third signature's transfers (移交) of every item by the bulk path, in the signature's own transaction: a Marten
/// session appends to each item's stream with a statement, a version lookup, a hash lookup and two upserts of its own
/// (about 2 ms an item, 22 s for a 10,000-item unit); here the events go by <see cref="EventCopy"/> and the item cards
/// and catalog rows are moved by one UPDATE each, just before the session commits (<see cref="MoveAsync"/>).
/// The signature, the closing of the books and the transfers commit together or not at all, as the inspection expects.
/// </summary>
public sealed class BulkTransfers(IDocumentStore store, EventCopy events)
{
    private static readonly Type[] Written = [typeof(ItemTransferred)];
    private static readonly Type[] Kept = [typeof(Item), typeof(CatalogRow)];

    /// <summary>Whether every read model of a transfer is one this path keeps, and no unknown listener must see it.</summary>
    public bool Covers => InlineCoverage.Covers(store, Written, Kept) && events.StandsInForListeners([typeof(RecordedAtTimestamps)]);

    /// <summary>
    /// The unit's item cards (as <see cref="UnitItems.ItemsOfUnitAsync"/> reads them, in item-code order), each with its
    /// stream's version and catalog row, in one read: the decision and the transfers need all three. An item with a catalog
    /// row is read from the row alone: the row's card is folded by the card's own Apply methods from the same events
    /// (<see cref="CatalogRow"/>), so it is the card. The JSON (~25 MB for 10,000 items) is parsed on every core, a chunk as soon as it has arrived.
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
        // Parsed a chunk at a time on the thread pool while the next rows arrive: the client's parsing overlaps the server's reading.
        var parsing = new List<Task<Held[]>>();
        var chunk = new List<(long Version, byte[]? Row, byte[]? Card)>(Chunk);
        var serializer = store.Options.Serializer();
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
            {
                chunk.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2)));
                if (chunk.Count < Chunk) continue;
                parsing.Add(Parse(chunk));
                chunk = new(Chunk);
            }
        if (chunk.Count > 0) parsing.Add(Parse(chunk));

        var held = (await Task.WhenAll(parsing)).SelectMany(c => c).ToList();
        return new Holdings(held.Select(h => h.Item).ToList(), held.ToDictionary(h => h.Item.Id, h => h.Version),
            held.Where(h => h.Row is not null).ToDictionary(h => h.Item.Id, h => h.Row!));

        Task<Held[]> Parse(List<(long Version, byte[]? Row, byte[]? Card)> read) => Task.Run(() => read.Select(r =>
        {
            if (r.Card is { } card) return new Held(serializer.FromJson<Item>(new MemoryStream(card)), r.Version, null);
            var row = serializer.FromJson<CatalogRow>(new MemoryStream(r.Row!));
            return new Held(row.Item, r.Version, new StoredRow(row, serializer.FromJson<StoredShares>(new MemoryStream(r.Row!)).Shares));
        }).ToArray(), ct);
    }

    private const int Chunk = 250;

    private sealed record Held(Item Item, long Version, StoredRow? Row);

    /// <summary>A unit's item cards, their streams' versions and their catalog rows, read together.</summary>
    public sealed record Holdings(IReadOnlyList<Item> Items, Dictionary<Guid, long> Versions, Dictionary<Guid, StoredRow> Rows);

    /// <summary>
    /// A catalog row with the shares stored on it: the totals hold those, whichever rules computed them, so they are what a
    /// rewrite takes away (as the trigger takes away the old row's), not the shares the row would compute now.
    /// </summary>
    public sealed record StoredRow(CatalogRow Row, IReadOnlyList<SummaryShare> Shares);

    /// <summary>The shares alone, read from a stored row's JSON.</summary>
    private sealed record StoredShares(IReadOnlyList<SummaryShare> Shares);

    /// <summary>
    /// Enlists the transfers of items read in <paramref name="holdings"/> in the session's transaction. Each item's stream
    /// must still be at the version read there when the transaction commits, or the whole signature is a lost race, decided again.
    /// </summary>
    public void Enlist(IDocumentSession session, Holdings holdings, IReadOnlyList<ItemTransferred> transfers)
    {
        if (session is not ITransactionParticipantRegistrar registrar) throw new InvalidOperationException("A Marten session takes transaction participants.");
        var (versions, rows) = (holdings.Versions, holdings.Rows);
        var headers = (session as QuerySession)?.Headers;
        // The rows as the transfers leave them, folded by the row's own Apply method and serialised (to UTF-8) on every core while the
        // database takes the events: the participant waits for them only when it writes the rows.
        var folded = Task.Run(() =>
        {
            var (json, shares) = (new byte[]?[transfers.Count], new IReadOnlyList<SummaryShare>?[transfers.Count]);
            var serializer = store.Options.Serializer();
            Parallel.For(0, transfers.Count, () => new Utf8JsonBuffer(serializer), (i, _, buffer) =>
            {
                if (!rows.TryGetValue(transfers[i].ItemId, out var stored)) return buffer;
                var row = stored.Row.Apply(transfers[i]);
                (json[i], shares[i]) = (buffer.Of(row).ToArray(), row.Shares);
                return buffer;
            }, _ => { });
            var moved = new SharesMoved(store.Options.DatabaseSchemaName, serializer);
            for (var i = 0; i < transfers.Count; i++)
                if (shares[i] is { } written) moved.Add(transfers[i].ItemId, rows[transfers[i].ItemId].Shares, written);
            return (json, moved);
        });
        var writes = transfers.Select(t => new StreamWrite(t.ItemId, typeof(Item), versions[t.ItemId], [t])).ToList();
        var metadata = new WriteMetadata(session.LastModifiedBy ?? "", session.CorrelationId, headers, session.CausationId,
            transfers[0].Stamp.RecordedAt.ToDateTimeOffset());
        var tenantId = session.TenantId;
        var moved = transfers.Select(t => versions[t.ItemId] + 1).ToArray();
        registrar.AddTransactionParticipant(new Participant(async (connection, transaction, ct) =>
        {
            await events.AppendAsync(connection, transaction, tenantId, writes, metadata, ct);
            var (json, sums) = await folded;
            await MoveAsync(connection, transaction, transfers, moved, json, sums, ct);
        }));
    }

    /// <summary>
    /// Moves the item cards and catalog rows in the database. A card is moved by one UPDATE as <see cref="Item.Apply(ItemTransferred)"/>
    /// folds it: only the fields a transfer changes travel, and its derived fields follow (a transferred card has a handover, so
    /// its book value is its value; it was held, so that is also its verified value); verify replays the cards. A row is the one
    /// <see cref="CatalogRow.Apply(ItemTransferred)"/> folded (<paramref name="rows"/>): its new shares follow SummaryShare's rules,
    /// which only C# knows, and building the rest in SQL cost more than parsing it. All of it goes once, by binary COPY, into a
    /// temporary table. The totals move from the rows' stored shares to the new ones as a handful of rows summed in C#
    /// (<see cref="SharesMoved"/>): expanding 10,000 rows' shares twice in SQL was the signature's longest step.
    /// </summary>
    private async Task MoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ItemTransferred> transfers, long[] versions,
        byte[]?[] rows, SharesMoved sums, CancellationToken ct)
    {
        var first = transfers[0];
        // Statements over 10,000 rows are estimated dear enough for JIT, which then costs more than they do; a rewritten row is
        // compressed, by lz4 where the server has it (several times faster than pglz; either reads back the same).
        await Run("""
            set local jit = off;
            select set_config('default_toast_compression', 'lz4', true) from pg_settings
              where name = 'default_toast_compression' and 'lz4' = any(enumvals);
            create temporary table sanzi_moved (id uuid primary key, version bigint not null, value numeric not null,
              quantity numeric not null, data jsonb) on commit drop
            """);
        await using (var copy = await connection.BeginBinaryImportAsync("copy sanzi_moved (id, version, value, quantity, data) from stdin (format binary)", ct))
        {
            for (var i = 0; i < transfers.Count; i++)
            {
                await copy.StartRowAsync(ct);
                copy.Write(transfers[i].ItemId, NpgsqlDbType.Uuid);
                copy.Write(versions[i], NpgsqlDbType.Bigint);
                copy.Write(transfers[i].Value, NpgsqlDbType.Numeric);
                copy.Write(transfers[i].Quantity!.Value, NpgsqlDbType.Numeric);
                if (rows[i] is { } json) copy.Write(json, NpgsqlDbType.Jsonb);
                else copy.WriteNull();
            }

            await copy.CompleteAsync(ct);
        }

        await Run("analyze sanzi_moved");
        await Run($"""
            update {Table<Item>()} d set data = d.data || jsonb_build_object('unitCode', $1::text, 'entityCode', $2::text, 'value', t.value,
                'quantity', t.quantity, 'count', null, 'handoverId', $3::uuid, 'bookValue', t.value, 'verifiedValue', t.value,
                'previousUnits', coalesce(nullif(d.data -> 'previousUnits', 'null'), '[]') || to_jsonb($4::text)),
              mt_last_modified = transaction_timestamp(), mt_version = t.version
            from sanzi_moved t where d.id = t.id
            """, first.ToUnit, first.EntityCode, first.HandoverId, first.FromUnit);
        if (rows.All(r => r is null)) return;

        await Run($"set local {SummaryTotals.InBulkSetting} = 'on'");
        await sums.ApplyAsync(connection, transaction, ct);
        await Run($"""
            update {Table<CatalogRow>()} d set data = t.data, mt_last_modified = transaction_timestamp(), mt_version = t.version
            from sanzi_moved t where d.id = t.id and t.data is not null;
            set local {SummaryTotals.InBulkSetting} = 'off'
            """);

        async Task Run(string sql, params object[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private string Table<T>() => store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;

    /// <summary>Writes once, just before the session's transaction commits.</summary>
    private sealed class Participant(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> write) : ITransactionParticipant
    {
        private bool _written;

        public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
        {
            // Marten keeps participants for the session's life; a later save of the same session must not write the transfers again.
            if (_written) return;
            _written = true;
            await write(connection, transaction, token);
        }
    }
}
