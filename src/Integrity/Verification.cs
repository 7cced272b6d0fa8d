using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// Walks <c>mt_events</c> and the hash rows side by side in sequence order (two connections, so the
/// server reads both at once) and reports every disagreement. Checks that need order (the chain of
/// each stream, the events of each seal) run on the reading thread; recomputing hashes and marks, the
/// costly part, runs on a second thread a batch behind. Each event is hashed with its stored previous
/// hash, so one edit is reported once rather than as every later event of its stream.
/// </summary>
internal sealed class Verification(Func<NpgsqlConnection> connect, Tables tables, IntegrityKeys keys)
{
    private const int BatchSize = 8192;
    private const long ProgressEvery = 100_000;

    public long EventsChecked { get; private set; }
    public long Unsealed { get; private set; }
    public long Tombstones { get; private set; }

    /// <summary>The seals verify trusted: the seal file's signed ones, then the table's newer signed ones.</summary>
    public List<Seal> Chain { get; private set; } = [];

    /// <summary>
    /// Problems and notes as found, progress between them; <paramref name="through"/> stops at a sequence
    /// number. <paramref name="filed"/> must be read from the seal file before this starts: every seal in
    /// it was committed before the snapshot this takes, so none looks missing from the database.
    /// </summary>
    public async IAsyncEnumerable<Finding> RunAsync(IReadOnlyList<Seal> filed, long? through, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var events = connect();
        await using var hashes = connect();
        await Task.WhenAll(events.OpenAsync(ct), hashes.OpenAsync(ct));
        // Both readers see one snapshot, so an event and the hash its writer committed with it are seen together.
        await using var eventsTx = await events.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var hashesTx = await hashes.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var snapshot = (string)(await Scalar(events, "select pg_export_snapshot()", ct))!;
        await Scalar(hashes, $"set transaction snapshot '{snapshot}'", ct);

        var sealsExist = await Scalar(events, $"select to_regclass('{tables.Seals}')::text", ct) is string;
        var stored = sealsExist ? await SealRows.ReadAllAsync(events, tables, ct) : null;
        var (chain, sealProblems) = SealCheck.Run(filed, stored, keys);
        if (!sealsExist) yield return new Problem(ProblemKind.SealBroken, null, null, null, $"the table {tables.Seals} is gone");
        foreach (var p in sealProblems) yield return p;
        Chain = through is { } last ? chain.TakeWhile(s => s.ToSeq <= last).ToList() : chain;
        yield return new Progress("seals", chain.Count);

        var limit = through ?? long.MaxValue;
        await using var eventReader = await ReadAsync(events, $"select {EventRow.Columns} from {tables.Events} e where e.seq_id <= $1 order by e.seq_id", limit, ct);
        NpgsqlDataReader? hashReader = null;
        if (await Scalar(hashes, $"select to_regclass('{tables.Hashes}')::text", ct) is string)
            hashReader = await ReadAsync(hashes,
                $"select seq_id, stream_id, version, hash, prev_hash, mac from {tables.Hashes} where seq_id <= $1 order by seq_id", limit, ct);
        else yield return new Problem(ProblemKind.SealBroken, null, null, null, $"the table {tables.Hashes} is gone");

        var sealRange = new SealRange(Chain);
        var streams = new Dictionary<Guid, byte[]>();
        var batch = new List<Recompute>(BatchSize);
        Task<List<Problem>>? behind = null;
        var (hasEvent, hasHash) = (await eventReader.ReadAsync(ct), hashReader is not null && await hashReader.ReadAsync(ct));
        while (hasEvent || hasHash)
        {
            var eventSeq = hasEvent ? eventReader.GetInt64(0) : long.MaxValue;
            var hashSeq = hasHash ? hashReader!.GetInt64(0) : long.MaxValue;
            var row = eventSeq <= hashSeq ? EventRow.Read(eventReader) : null;
            var hash = hashSeq <= eventSeq ? HashRow.Read(hashReader!) : null;

            if (hash is not null)
                foreach (var p in sealRange.Add(hash.Seq, hash.Hash)) yield return p;
            if (row is not null && row.Seq > sealRange.SealedThrough) Unsealed++;

            if (row is not null && hash is null)
            {
                if (row.IsTombstone) Tombstones++;
                yield return row.IsTombstone
                    ? new Note(row.Seq, "tombstone: Marten's filler for a sequence number an append took before it failed; not an event")
                    : new Problem(ProblemKind.Inserted, row.Seq, row.StreamId, row.Version, "has no hash from the writer: it was written outside the ledger");
            }
            else if (row is null)
                yield return new Problem(ProblemKind.Deleted, hash!.Seq, hash.StreamId, hash.Version, "was hashed by the writer but is no longer in the event log");
            else
            {
                EventsChecked++;
                var previous = streams.GetValueOrDefault(row.StreamId, HashChain.Genesis);
                if (row.StreamId != hash!.StreamId || row.Version != hash.Version)
                    yield return new Problem(ProblemKind.Edited, row.Seq, row.StreamId, row.Version,
                        $"was written as version {hash.Version} of stream {hash.StreamId}");
                else if (!hash.Previous.AsSpan().SequenceEqual(previous))
                    yield return new Problem(ProblemKind.Deleted, row.Seq, row.StreamId, row.Version,
                        "does not follow the event before it in its stream: an event was removed with its hash");
                streams[row.StreamId] = hash.Hash;
                batch.Add(new Recompute(row, hash));
                if (batch.Count == BatchSize)
                {
                    if (behind is not null) foreach (var p in await behind) yield return p;
                    var full = batch;
                    behind = Task.Run(() => Check(full), ct);
                    batch = new List<Recompute>(BatchSize);
                    if (EventsChecked % ProgressEvery < BatchSize) yield return new Progress("events", EventsChecked);
                }
            }

            if (row is not null) hasEvent = await eventReader.ReadAsync(ct);
            if (hash is not null) hasHash = await hashReader!.ReadAsync(ct);
        }

        if (behind is not null) foreach (var p in await behind) yield return p;
        foreach (var p in Check(batch)) yield return p;
        foreach (var p in sealRange.Finish()) yield return p;
        SealedThrough = sealRange.SealedThrough;
        yield return new Progress("events", EventsChecked);
        if (hashReader is not null) await hashReader.DisposeAsync();
    }

    public long SealedThrough { get; private set; }

    /// <summary>Recomputes each hash from its row and checks the writer's mark; runs beside the reading thread.</summary>
    private List<Problem> Check(List<Recompute> batch)
    {
        var problems = new List<Problem>();
        var preimage = new HashChain.Preimage();
        Span<byte> computed = stackalloc byte[HashChain.Size];
        foreach (var (row, hash) in batch)
        {
            HashChain.Link(hash.Previous, row, computed, preimage);
            if (!computed.SequenceEqual(hash.Hash))
                problems.Add(new Problem(ProblemKind.Edited, row.Seq, row.StreamId, row.Version,
                    "differs from what the writer hashed (body, type, time, actor, role, correlation, causation or archived flag)"));
            else if (!HashChain.MacMatches(keys.MacKey, hash.Hash, hash.Mac))
                problems.Add(new Problem(ProblemKind.Forged, row.Seq, row.StreamId, row.Version,
                    "its hash was not written by the ledger (the writer's mark does not match)"));
        }
        return problems;
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task<NpgsqlDataReader> ReadAsync(NpgsqlConnection connection, string sql, long limit, CancellationToken ct)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await command.ExecuteReaderAsync(ct);
    }

    private sealed record HashRow(long Seq, Guid StreamId, long Version, byte[] Hash, byte[] Previous, byte[] Mac)
    {
        public static HashRow Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetGuid(1), r.GetInt64(2),
            r.GetFieldValue<byte[]>(3), r.GetFieldValue<byte[]>(4), r.GetFieldValue<byte[]>(5));
    }

    private sealed record Recompute(EventRow Row, HashRow Hash);

    /// <summary>Recomputes each seal's root from the hash rows in its range as they stream past.</summary>
    private sealed class SealRange(List<Seal> seals)
    {
        private int _index;
        private long _count;
        private readonly IncrementalHash _root = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long SealedThrough => seals.Count > 0 ? seals[^1].ToSeq : 0;

        public IEnumerable<Problem> Add(long seq, byte[] hash)
        {
            while (_index < seals.Count && seq > seals[_index].ToSeq)
                if (Close() is { } p) yield return p;
            if (_index < seals.Count && seq >= seals[_index].FromSeq)
            {
                _root.AppendData(hash);
                _count++;
            }
        }

        public IEnumerable<Problem> Finish()
        {
            while (_index < seals.Count)
                if (Close() is { } p) yield return p;
        }

        private Problem? Close()
        {
            var seal = seals[_index++];
            var root = Convert.ToHexStringLower(_root.GetHashAndReset());
            var count = _count;
            _count = 0;
            return root == seal.Root && count == seal.Events
                ? null
                : new Problem(ProblemKind.SealBroken, seal.FromSeq, null, null,
                    $"seal {seal.FromSeq}..{seal.ToSeq}: the event hashes in its range are not the ones it sealed ({count} found, {seal.Events} sealed)");
        }
    }
}
