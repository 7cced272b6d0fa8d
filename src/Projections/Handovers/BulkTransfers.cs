using System.Runtime.CompilerServices;
using Marten;
using Marten.Internal.Sessions;
using Marten.Services;
using Marten.Storage;
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

        Task<Held[]> Parse(List<(long Version, byte[]? Row, byte[]? Card)> read) => Task.Run(() => Parsed(serializer, read), ct);
    }

    /// <summary>
    /// Cards and rows as read. Optimised when first compiled: a process runs this loop over thousands of rows a handful of times, too
    /// few calls for tiered compilation to replace its first, unoptimised code before the handover that needs it is over.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Held[] Parsed(ISerializer serializer, List<(long Version, byte[]? Row, byte[]? Card)> read)
    {
        var held = new Held[read.Count];
        for (var i = 0; i < held.Length; i++)
        {
            var (version, json, card) = read[i];
            if (card is not null)
            {
                held[i] = new Held(serializer.FromJson<Item>(new MemoryStream(card)), version, null);
                continue;
            }
            var row = serializer.FromJson<CatalogRow>(new MemoryStream(json!));
            held[i] = new Held(row.Item, version, new StoredRow(row, serializer.FromJson<StoredShares>(new MemoryStream(json!)).Shares));
        }
        return held;
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
        var versions = holdings.Versions;
        var headers = (session as QuerySession)?.Headers;
        var (database, schema, batch) = (session.Database, store.Options.DatabaseSchemaName, Guid.CreateVersion7());
        // The rows (or cards) as the transfers leave them, folded by their own Apply methods and staged by a second connection on a
        // thread of its own, while this one takes Marten's statements and the events: the participant waits for them only when it
        // moves the cards.
        var staged = Task.Factory.StartNew(() => Stage(database, batch, holdings, transfers), CancellationToken.None, TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var writes = transfers.Select(t => new StreamWrite(t.ItemId, typeof(Item), versions[t.ItemId], [t])).ToList();
        var metadata = new WriteMetadata(session.LastModifiedBy ?? "", session.CorrelationId, headers, session.CausationId,
            transfers[0].Stamp.RecordedAt.ToDateTimeOffset());
        var tenantId = session.TenantId;
        var withRows = transfers.Count(t => holdings.Rows.ContainsKey(t.ItemId));
        registrar.AddTransactionParticipant(new Participant(async (connection, transaction, ct) =>
        {
            await events.AppendAsync(connection, transaction, tenantId, writes, metadata, ct);
            var sums = await staged;
            await MoveAsync(connection, transaction, batch, transfers.Count, withRows, sums, ct);
        }, async () =>
        {
            try { await staged; }
            catch (Exception) { /* Whatever staging failed with failed the signature too; its rows, if any committed, go below. */ }
            await TransferStaging.DiscardAsync(database, schema, batch);
        }));
    }

    /// <summary>
    /// Stages each transfer's catalog row as <see cref="CatalogRow.Apply(ItemTransferred)"/> folds it, whose card is the one
    /// <see cref="Item.Apply(ItemTransferred)"/> folds (or that card alone, for an item without a row), and sums what the rows' new
    /// shares move in the kept sums. One row at a time, serialised to UTF-8 and sent while PostgreSQL parses the ones before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SharesMoved Stage(IMartenDatabase database, Guid batch, Holdings holdings, IReadOnlyList<ItemTransferred> transfers)
    {
        var serializer = store.Options.Serializer();
        var json = new Utf8JsonBuffer(serializer);
        var items = holdings.Items.ToDictionary(i => i.Id);
        var moved = new SharesMoved(store.Options.DatabaseSchemaName, serializer);
        using var staging = TransferStaging.Open(database, store.Options.DatabaseSchemaName, batch);
        foreach (var transfer in transfers)
        {
            var (id, version) = (transfer.ItemId, holdings.Versions[transfer.ItemId] + 1);
            if (holdings.Rows.TryGetValue(id, out var stored))
            {
                var row = stored.Row.Apply(transfer);
                moved.Add(id, stored.Shares, row.Shares);
                staging.Add(id, version, null, json.Of(row));
            }
            else staging.Add(id, version, json.Of(items[id].Apply(transfer)), null);
        }
        staging.Commit();
        return moved;
    }

    /// <summary>
    /// Moves the item cards and catalog rows in the database, from the batch staged for them (<see cref="TransferStaging"/>). Each is
    /// the one its own Apply method folded in C#: a row's new shares follow SummaryShare's rules, which only C# knows, and a card or row
    /// built in SQL cost this connection more than a finished one parsed on the other. The totals move from the rows' stored shares
    /// to the new ones as a handful of rows summed in C# (<see cref="SharesMoved"/>). A batch not all there (it cannot be, unless
    /// this transaction's isolation hides what committed after it began) fails the signature rather than move part of the unit.
    /// </summary>
    private async Task MoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid batch, int count, int withRows, SharesMoved sums,
        CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        // Statements over 10,000 rows are estimated dear enough for JIT, which then costs more than they do.
        await Run("set local jit = off");
        var cards = await Run($"""
            update {Table<Item>()} d set data = coalesce(s.card, s.row -> 'item'), mt_last_modified = transaction_timestamp(), mt_version = s.version
            from {TransferStaging.Table(schema)} s where s.batch = $1 and d.id = s.id
            """, batch);
        if (cards != count) throw new InvalidOperationException($"{count - cards} of {count} transfers' cards were not staged.");
        if (withRows > 0)
        {
            await Run($"set local {SummaryTotals.InBulkSetting} = 'on'");
            await sums.ApplyAsync(connection, transaction, ct);
            var rows = await Run($"""
                update {Table<CatalogRow>()} d set data = s.row, mt_last_modified = transaction_timestamp(), mt_version = s.version
                from {TransferStaging.Table(schema)} s where s.batch = $1 and d.id = s.id and s.row is not null
                """, batch);
            if (rows != withRows) throw new InvalidOperationException($"{withRows - rows} of {withRows} transfers' catalog rows were not staged.");
            await Run($"set local {SummaryTotals.InBulkSetting} = 'off'");
        }
        await Run(TransferStaging.ClearSql(schema), batch);

        async Task<int> Run(string sql, params object[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
            return await command.ExecuteNonQueryAsync(ct);
        }
    }

    private string Table<T>() => store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;

    /// <summary>
    /// Writes just before the session's transaction commits; again if Marten retries the commit on a fresh transaction, never after
    /// it committed (Marten keeps participants for the session's life, and a later save must not write the transfers again). A
    /// session ended without the commit discards what was staged for it.
    /// </summary>
    private sealed class Participant(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> write, Func<Task> discard)
        : ITransactionParticipant, IAsyncDisposable
    {
        private bool _committed;

        public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
        {
            if (!_committed) await write(connection, transaction, token);
        }

        public Task AfterCommitAsync(CancellationToken token)
        {
            _committed = true;
            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            if (_committed) return;
            _committed = true;
            await discard();
        }
    }
}
