using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Npgsql;
using NpgsqlTypes;

namespace Sanzi.Integrity;

/// <summary>
/// The writer's half of the chain. Registered on the store, so it sees every session's SaveChanges,
/// whatever code opened the session (commands, imports, benches). Before the batch runs it enlists a
/// participant in the session's transaction; after Marten's inserts and before the commit, the
/// participant reads the new rows back (so it hashes exactly what was stored, sequence numbers and
/// server timestamps included), links each to the latest hash of its stream and inserts the hashes.
/// Event and hash commit together or not at all.
/// </summary>
internal sealed class EventHashing(Tables tables, IntegrityKeys keys) : DocumentSessionListenerBase
{
    private readonly ConditionalWeakTable<IDocumentSession, Participant> _participants = new();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var events = session.PendingChanges.Streams().SelectMany(s => s.Events).ToList();
        if (_participants.TryGetValue(session, out var enlisted)) enlisted.Pending = events;
        else if (events.Count > 0 && session is ITransactionParticipantRegistrar registrar)
        {
            // Marten keeps a session's participants until the session is disposed, so one per session, refilled each save.
            var participant = new Participant(tables, keys) { Pending = events };
            _participants.Add(session, participant);
            registrar.AddTransactionParticipant(participant);
        }
        return Task.CompletedTask;
    }

    private sealed class Participant(Tables tables, IntegrityKeys keys) : ITransactionParticipant
    {
        public IReadOnlyList<IEvent> Pending { get; set; } = [];

        public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
        {
            var pending = Pending;
            Pending = [];
            if (pending.Count == 0) return;

            await HashAsync(tables, keys, connection, transaction, pending.Select(e => e.Sequence).ToArray(), token);
        }
    }

    /// <summary>
    /// Hashes the stored rows of <paramref name="sequences"/>, each linked to the latest hash of its stream (committed, or
    /// earlier in this batch), and inserts the hashes; inside the transaction that wrote the rows, before it commits.
    /// </summary>
    internal static async Task HashAsync(Tables tables, IntegrityKeys keys, NpgsqlConnection connection, NpgsqlTransaction transaction,
        long[] sequences, CancellationToken token)
    {
        var (rows, heads) = await ReadBackAsync(tables, connection, transaction, sequences, token);
        var preimage = new HashChain.Preimage();
        var (hashes, previous, macs) = (new byte[rows.Count][], new byte[rows.Count][], new byte[rows.Count][]);
        for (var i = 0; i < rows.Count; i++)
        {
            previous[i] = heads.GetValueOrDefault(rows[i].StreamId, HashChain.Genesis);
            hashes[i] = new byte[HashChain.Size];
            HashChain.Link(previous[i], rows[i], hashes[i], preimage);
            macs[i] = HashChain.Mac(keys.MacKey, hashes[i]);
            heads[rows[i].StreamId] = hashes[i];
        }

        await using var insert = new NpgsqlCommand(
            $"insert into {tables.Hashes} (seq_id, stream_id, version, hash, prev_hash, mac) select * from unnest($1, $2, $3, $4, $5, $6)",
            connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Seq).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.StreamId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Version).ToArray() });
        foreach (var column in new[] { hashes, previous, macs })
            insert.Parameters.Add(new NpgsqlParameter { Value = column, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await insert.ExecuteNonQueryAsync(token);
    }

    /// <summary>The stored rows in sequence order, and the latest committed hash of each of their streams, in one round trip.</summary>
    private static async Task<(List<EventRow> Rows, Dictionary<Guid, byte[]> Heads)> ReadBackAsync(
        Tables tables, NpgsqlConnection connection, NpgsqlTransaction transaction, long[] sequences, CancellationToken token)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var events = new NpgsqlBatchCommand($"select {EventRow.Columns} from {tables.Events} e where e.seq_id = any($1) order by e.seq_id");
        events.Parameters.Add(new NpgsqlParameter { Value = sequences });
        // One index probe per stream: a bank account with years of payments is a long stream, and sorting all its
        // hashes to find the last one made every payment cost as much as the account's whole history.
        var heads = new NpgsqlBatchCommand($"""
            select s.stream_id, last.hash
            from (select distinct e.stream_id from {tables.Events} e where e.seq_id = any($1)) s
            cross join lateral (
                select h.hash from {tables.Hashes} h where h.stream_id = s.stream_id
                order by h.version desc, h.seq_id desc limit 1) last
            """);
        heads.Parameters.Add(new NpgsqlParameter { Value = sequences });
        batch.BatchCommands.Add(events);
        batch.BatchCommands.Add(heads);

        await using var reader = await batch.ExecuteReaderAsync(token);
        var rows = new List<EventRow>(sequences.Length);
        while (await reader.ReadAsync(token)) rows.Add(EventRow.Read(reader));
        await reader.NextResultAsync(token);
        var latest = new Dictionary<Guid, byte[]>();
        while (await reader.ReadAsync(token)) latest[reader.GetGuid(0)] = reader.GetFieldValue<byte[]>(1);
        return (rows, latest);
    }
}
