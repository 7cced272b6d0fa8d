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
/// participant has PostgreSQL hash the new rows as stored (sequence numbers and server timestamps
/// included), each linked to the latest hash of its stream, and insert the hashes.
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

            await HashAsync(tables, keys, connection, transaction, pending.Select(e => (e.Sequence, e.StreamId)).ToList(), token);
        }
    }

    /// <summary>
    /// Hashes the stored rows of <paramref name="events"/> (sequence number, stream), each linked to the latest hash of its
    /// stream (committed, or earlier in this batch), and inserts the hashes; inside the transaction that wrote the rows,
    /// before it commits. PostgreSQL computes the hashes from the stored columns (<see cref="LinkedSql"/>: the preimage
    /// <see cref="HashChain.Link"/> builds, byte for byte, over the very text a reader gets), so only the 32-byte hashes
    /// travel back, not the rows; the MAC is computed here, since the key never goes to the database. A stream with
    /// several new events is linked one rank at a time: each rank's head lookup sees the hashes the previous one inserted.
    /// </summary>
    internal static async Task HashAsync(Tables tables, IntegrityKeys keys, NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(long Seq, Guid StreamId)> events, CancellationToken token)
    {
        foreach (var rank in Ranks(events))
        {
            var linked = await LinkAsync(tables, connection, transaction, rank, token);
            await using var insert = new NpgsqlCommand(
                $"insert into {tables.Hashes} (seq_id, stream_id, version, hash, prev_hash, mac) select * from unnest($1, $2, $3, $4, $5, $6)",
                connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = linked.Select(l => l.Seq).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = linked.Select(l => l.StreamId).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = linked.Select(l => l.Version).ToArray() });
            foreach (var column in new[] { linked.Select(l => l.Hash), linked.Select(l => l.Previous), linked.Select(l => HashChain.Mac(keys.MacKey, l.Hash)) })
                insert.Parameters.Add(new NpgsqlParameter { Value = column.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            await insert.ExecuteNonQueryAsync(token);
        }
    }

    private sealed record Linked(long Seq, Guid StreamId, long Version, byte[] Hash, byte[] Previous);

    /// <summary>
    /// The sequences split by their place among their stream's new events: one rank when each stream has one new event (a
    /// batch of new streams, a command), else the first of each stream, then the second, and so on.
    /// </summary>
    private static IEnumerable<long[]> Ranks(IReadOnlyList<(long Seq, Guid StreamId)> events)
    {
        var seen = new Dictionary<Guid, int>();
        return events.OrderBy(e => e.Seq)
            .Select(e => (e.Seq, Rank: seen[e.StreamId] = seen.GetValueOrDefault(e.StreamId) + 1))
            .ToList()
            .GroupBy(e => e.Rank, e => e.Seq)
            .OrderBy(g => g.Key)
            .Select(g => g.ToArray());
    }

    private static async Task<List<Linked>> LinkAsync(Tables tables, NpgsqlConnection connection, NpgsqlTransaction transaction, long[] rank,
        CancellationToken token)
    {
        await using var command = new NpgsqlCommand(LinkedSql(tables), connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rank });
        command.Parameters.Add(new NpgsqlParameter { Value = HashChain.Magic, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = HashChain.Genesis, NpgsqlDbType = NpgsqlDbType.Bytea });
        var linked = new List<Linked>(rank.Length);
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
            linked.Add(new Linked(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<byte[]>(4)));
        return linked;
    }

    /// <summary>
    /// One rank's hashes: the preimage of <see cref="HashChain.Link"/> (magic, previous hash, then each column: integers as 8
    /// bytes big-endian, the stream id's 16 bytes in RFC 4122 order, texts as a 4-byte big-endian UTF-8 length and their
    /// UTF-8 or −1 for null, the archived flag as a byte) and SHA-256 of it. The texts are <see cref="EventRow.Columns"/>'
    /// own casts, so the bytes are those a verifier reads.
    /// </summary>
    private static string LinkedSql(Tables tables) => $"""
        select e.seq_id, e.stream_id, e.version,
          sha256($2 || p.prev || int8send(e.seq_id) || uuid_send(e.stream_id) || int8send(e.version) || {Text("e.type")}
            || {Text("e.mt_dotnet_type")} || int8send((extract(epoch from e.timestamp) * 1000000)::bigint) || {Text("e.tenant_id")}
            || {Text("e.user_name")} || {Text("e.correlation_id")} || {Text("e.causation_id")} || {Text("e.headers::text")}
            || case when coalesce(e.is_archived, false) then '\x01'::bytea else '\x00'::bytea end || {Text("e.data::text")}),
          p.prev
        from {tables.Events} e
        cross join lateral (select coalesce((
          select h.hash from {tables.Hashes} h where h.stream_id = e.stream_id order by h.version desc, h.seq_id desc limit 1), $3) as prev) p
        where e.seq_id = any($1)
        """;

    /// <summary>A text column as the preimage takes it: its UTF-8 length (4 bytes, big-endian) and bytes, or −1 for null.</summary>
    private static string Text(string column) =>
        $"coalesce(int4send(octet_length(convert_to({column}, 'UTF8'))) || convert_to({column}, 'UTF8'), int4send(-1))";
}
