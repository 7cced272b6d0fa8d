using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Sanzi.Integrity;

/// <summary>A stream's new events: a new stream of <paramref name="AggregateType"/> when <paramref name="From"/> is 0, else appended after that version.</summary>
public sealed record StreamWrite(Guid StreamId, Type AggregateType, long From, IReadOnlyList<object> Events);

/// <summary>
/// Who wrote a batch and when, as each event's metadata records it: the session path's user name, correlation id, headers,
/// causation id, and the timestamp: the stamp's recording instant, as the ledger sets it on every event (one clock).
/// </summary>
public sealed record WriteMetadata(string UserName, string? CorrelationId, IReadOnlyDictionary<string, object>? Headers, string? CausationId,
    DateTimeOffset Timestamp);

/// <summary>
/// The bulk append path (批量写入): many streams' events by binary COPY on the caller's connection and transaction, the
/// writer-side hashes computed and inserted in that same transaction exactly as <see cref="EventHashing"/> does for a
/// session (PostgreSQL hashes the stored rows, so the hash covers what was stored). A Marten session costs a statement, a version
/// check and a hash lookup per stream; here a batch of any size is five statements. Sequence numbers come from the
/// store's own sequence, so the async daemon (inspection), verify and sealing take the events like any others.
/// Lost races fail the whole transaction: a new stream that exists already (the streams table's key), an existing one
/// no longer at <see cref="StreamWrite.From"/> (the version check below, and the events' unique stream-and-version index).
/// </summary>
public sealed class EventCopy(IDocumentStore store, IntegrityKeys keys)
{
    private readonly Tables _tables = new(store.Options.DatabaseSchemaName);
    private readonly string _streams = $"{store.Options.Events.DatabaseSchemaName}.mt_streams";

    /// <summary>
    /// Whether no session listener would miss these appends: the chain's own is done here, Wolverine's records events for
    /// its message forwarding, which the ledger does not use, and the caller names those it does the work of itself (the
    /// events' timestamps, say). Any other (the refusal of undocumented entries) must see every append, so a bulk writer
    /// must take the session path.
    /// </summary>
    public bool StandsInForListeners(IReadOnlyCollection<Type> doneByCaller) => ((StoreOptions)store.Options).Listeners
        .All(l => l is EventHashing || doneByCaller.Contains(l.GetType()) || l.GetType().Namespace?.StartsWith("Wolverine.") == true);

    /// <summary>The tenant a batch goes to: a county's own database, or the default one.</summary>
    public async Task<Tenant> TenantAsync(string? tenant) =>
        tenant is null ? store.Options.Tenancy.Default : await store.Options.Tenancy.GetTenantAsync(tenant);

    /// <summary>Appends every write's events in one go; returns their sequence numbers, in the order given.</summary>
    public async Task<long[]> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenantId,
        IReadOnlyList<StreamWrite> writes, WriteMetadata metadata, CancellationToken ct)
    {
        var count = writes.Sum(w => w.Events.Count);
        if (count == 0) return [];
        var sequences = await SequencesAsync(connection, transaction, count, ct);
        await StartStreamsAsync(connection, tenantId, writes.Where(w => w.From == 0).ToList(), ct);
        await MoveStreamsAsync(connection, transaction, writes.Where(w => w.From > 0).ToList(), ct);
        await CopyEventsAsync(connection, tenantId, writes, sequences, metadata, ct);
        await EventHashing.HashAsync(_tables, keys, connection, transaction, Streams(writes, sequences), ct);
        return sequences;
    }

    /// <summary>Each event's sequence number and stream, in the order the sequences were given out.</summary>
    private static List<(long, Guid)> Streams(IReadOnlyList<StreamWrite> writes, long[] sequences) =>
        writes.SelectMany(w => w.Events.Select(_ => w.StreamId)).Select((stream, i) => (sequences[i], stream)).ToList();

    /// <summary>
    /// Draws the batch's sequence numbers once the transaction holds a transaction id and the events table's write lock,
    /// as Marten's own append does in the insert that takes them: the sealer waits for every transaction in flight when
    /// it reads the sequence, and the daemon holds a gap while its writer holds that lock. Numbers drawn by a transaction
    /// without either look like a permanent gap, and a seal taken then would later call these events inserted out of band.
    /// </summary>
    private async Task<long[]> SequencesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"lock table {_tables.Events} in row exclusive mode"),
                new NpgsqlBatchCommand("select pg_current_xact_id()"),
                new NpgsqlBatchCommand($"select nextval('{_tables.Sequence}') from generate_series(1, $1)") { Parameters = { new NpgsqlParameter { Value = count } } },
            },
        };
        var sequences = new long[count];
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (reader.FieldCount == 0 || reader.GetName(0) != "nextval") await reader.NextResultAsync(ct);
        for (var i = 0; await reader.ReadAsync(ct); i++) sequences[i] = reader.GetInt64(0);
        return sequences;
    }

    private async Task StartStreamsAsync(NpgsqlConnection connection, string tenantId, IReadOnlyList<StreamWrite> started, CancellationToken ct)
    {
        if (started.Count == 0) return;
        var events = ((DocumentStore)store).Events;
        await using var copy = await connection.BeginBinaryImportAsync(
            $"copy {_streams} (id, type, version, tenant_id, is_archived) from stdin (format binary)", ct);
        foreach (var write in started)
        {
            await copy.StartRowAsync(ct);
            copy.Write(write.StreamId, NpgsqlDbType.Uuid);
            copy.Write(events.AggregateAliasFor(write.AggregateType), NpgsqlDbType.Varchar);
            copy.Write((long)write.Events.Count, NpgsqlDbType.Bigint);
            copy.Write(tenantId, NpgsqlDbType.Varchar);
            copy.Write(false, NpgsqlDbType.Boolean);
        }

        await copy.CompleteAsync(ct);
    }

    /// <summary>Moves each existing stream on from the version its events were decided on; one that moved meanwhile lost the race.</summary>
    private async Task MoveStreamsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamWrite> appended,
        CancellationToken ct)
    {
        if (appended.Count == 0) return;
        await using var command = new NpgsqlCommand($"""
            update {_streams} s set version = w.upto, timestamp = now()
            from unnest($1, $2, $3) w(id, since, upto) where s.id = w.id and s.version = w.since
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = appended.Select(w => w.StreamId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = appended.Select(w => w.From).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = appended.Select(w => w.From + w.Events.Count).ToArray() });
        var moved = await command.ExecuteNonQueryAsync(ct);
        if (moved != appended.Count)
            throw new ConcurrencyException($"{appended.Count - moved} of {appended.Count} streams changed since their events were decided", null, "streams");
    }

    private async Task CopyEventsAsync(NpgsqlConnection connection, string tenantId, IReadOnlyList<StreamWrite> writes, long[] sequences,
        WriteMetadata metadata, CancellationToken ct)
    {
        var registry = (IEventRegistry)store.Options.Events;
        var serializer = store.Options.Serializer();
        var json = new Utf8JsonBuffer(serializer);
        var names = new Dictionary<Type, (string EventTypeName, string DotNetTypeName)>();
        var headers = metadata.Headers is { Count: > 0 } h ? serializer.ToJson(h) : null;
        await using var copy = await connection.BeginBinaryImportAsync($"""
            copy {_tables.Events} (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived,
              correlation_id, causation_id, headers, user_name) from stdin (format binary)
            """, ct);
        var i = 0;
        foreach (var write in writes)
        foreach (var (data, version) in write.Events.Select((e, n) => (e, write.From + n + 1)))
        {
            // The type's names, once per type: building Marten's event wrapper for each row only to read them cost an object a row.
            if (!names.TryGetValue(data.GetType(), out var mapped))
            {
                var built = registry.BuildEvent(data);
                names[data.GetType()] = mapped = (built.EventTypeName, built.DotNetTypeName);
            }
            await copy.StartRowAsync(ct);
            copy.Write(sequences[i++], NpgsqlDbType.Bigint);
            copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            copy.Write(write.StreamId, NpgsqlDbType.Uuid);
            copy.Write(version, NpgsqlDbType.Bigint);
            copy.Write(json.Of(data), NpgsqlDbType.Jsonb);
            copy.Write(mapped.EventTypeName, NpgsqlDbType.Varchar);
            copy.Write(metadata.Timestamp, NpgsqlDbType.TimestampTz);
            copy.Write(tenantId, NpgsqlDbType.Varchar);
            copy.Write(mapped.DotNetTypeName, NpgsqlDbType.Varchar);
            copy.Write(false, NpgsqlDbType.Boolean);
            Nullable(copy, metadata.CorrelationId, NpgsqlDbType.Varchar);
            Nullable(copy, metadata.CausationId, NpgsqlDbType.Varchar);
            Nullable(copy, headers, NpgsqlDbType.Jsonb);
            copy.Write(metadata.UserName, NpgsqlDbType.Varchar);
        }

        await copy.CompleteAsync(ct);
    }

    private static void Nullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, type);
    }
}
