using Npgsql;
using NpgsqlTypes;

namespace Sanzi.Ledger.Integrity;

/// <summary>
/// Links newly committed events into their streams' chains and seals them, in sequence order, one
/// batch per transaction. Runs after the fact so that writers never wait on each other for a hash.
/// </summary>
internal static class Sealing
{
    private const int BatchSize = 5000;

    /// <summary>One sealer at a time across processes: a transaction-scoped advisory lock, keyed "SANZISEA".</summary>
    private const long LockKey = 0x53_41_4E_5A_49_53_45_41;

    /// <summary>Seals one batch; null when there was nothing to seal. <c>More</c> says a full batch left events behind.</summary>
    public static async Task<(ChainHead? Seal, bool More)> SealBatchAsync(NpgsqlConnection connection, EventRows rows, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Execute(connection, $"select pg_advisory_xact_lock({LockKey})", ct);

        var last = await Heads.LatestAsync(connection, rows, ct);
        var after = last?.ToSeq ?? 0;
        var (ceiling, settled) = await SequenceCeiling.ProveAsync(connection, rows, ct);
        var events = await ReadAsync(connection, rows, after, ceiling, settled, ct);
        if (events.Count == 0) return (null, false);

        var heads = await StreamHeadsAsync(connection, rows, events.Select(e => e.StreamId).Distinct().ToArray(), ct);
        var previous = new string[events.Count];
        var hashes = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            previous[i] = heads.GetValueOrDefault(events[i].StreamId, HashChain.Genesis);
            hashes[i] = heads[events[i].StreamId] = HashChain.Link(previous[i], events[i]);
        }

        await using (var insert = new NpgsqlCommand(
            $"insert into {rows.Hashes} (seq_id, stream_id, version, hash, prev_hash) select * from unnest($1, $2, $3, $4, $5)", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Seq).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.StreamId).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Version).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = previous, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync(ct);
        }

        var more = events.Count == BatchSize;
        // A settled ceiling covers the gaps above the last event too, so the next seal need not prove them again.
        var toSeq = settled && !more ? ceiling : events[^1].Seq;
        var seal = await InsertSealAsync(connection, rows, last?.Hash ?? HashChain.Genesis, after + 1, toSeq, hashes, ct);
        await transaction.CommitAsync(ct);
        return (seal, more);
    }

    /// <summary>Events after the last seal up to the ceiling; if the ceiling is not settled, only up to the first gap.</summary>
    private static async Task<List<ChainedEvent>> ReadAsync(
        NpgsqlConnection connection, EventRows rows, long after, long ceiling, bool settled, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select {EventRows.Columns} from {rows.Events} e where e.seq_id > $1 and e.seq_id <= $2 order by e.seq_id limit {BatchSize}",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = ceiling });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<ChainedEvent>();
        while (await reader.ReadAsync(ct))
        {
            var e = EventRows.Read(reader);
            if (!settled && e.Seq != after + events.Count + 1) break;
            events.Add(e);
        }
        return events;
    }

    /// <summary>The latest hash of each stream, to link its next event to.</summary>
    private static async Task<Dictionary<Guid, string>> StreamHeadsAsync(
        NpgsqlConnection connection, EventRows rows, Guid[] streams, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select distinct on (stream_id) stream_id, hash from {rows.Hashes} where stream_id = any($1) order by stream_id, version desc, seq_id desc",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streams });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var heads = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(ct)) heads[reader.GetGuid(0)] = reader.GetString(1);
        return heads;
    }

    private static async Task<ChainHead> InsertSealAsync(
        NpgsqlConnection connection, EventRows rows, string previous, long fromSeq, long toSeq, string[] hashes, CancellationToken ct)
    {
        // now() is fixed for the transaction, so the text hashed here is exactly what sealed_at = now() stores.
        await using var clock = new NpgsqlCommand($"select {EventRows.Timestamp("now()")}", connection);
        var sealedAt = (string)(await clock.ExecuteScalarAsync(ct))!;
        var root = HashChain.Root(hashes);
        var seal = new ChainHead(HashChain.Seal(previous, fromSeq, toSeq, hashes.Length, root, sealedAt), fromSeq, toSeq, hashes.Length, sealedAt);

        await using var insert = new NpgsqlCommand(
            $"insert into {rows.Seals} (from_seq, to_seq, events, root, hash, prev_hash, sealed_at) values ($1, $2, $3, $4, $5, $6, now())",
            connection);
        foreach (var value in new object[] { fromSeq, toSeq, (long)hashes.Length, root, seal.Hash, previous })
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        await insert.ExecuteNonQueryAsync(ct);
        return seal;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
