using System.Threading.Channels;
using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// Verify's events phase over one <see cref="Share"/> of the streams: its events and its hash rows read side by side in
/// sequence order (two connections, so the server reads both at once), each event rehashed with its stored previous hash
/// (so one edit is reported once rather than as every later event of its stream) and its writer's mark checked, and
/// handed on to the documents' replay. An event without a hash row here, or a hash row without an event, is kept for
/// the end: its partner may be in another share when the stream id itself was edited.
/// </summary>
internal sealed class EventScan(Tables tables, IntegrityKeys keys, Share share, ChannelWriter<Finding> findings, EventCount count) : IDisposable
{
    private readonly HashChain.Preimage _preimage = new();
    private readonly byte[] _computed = new byte[HashChain.Size];
    private readonly HashChain.MarkCheck _marks = new(keys.MacKey);

    public List<EventRow> Unhashed { get; } = [];
    public List<HashRow> Unmatched { get; } = [];

    public async Task RunAsync(NpgsqlConnection events, NpgsqlConnection? hashes, long through, long sealedThrough, StreamReplay? documents,
        CancellationToken ct)
    {
        await using var eventReader = await ReadAsync(events,
            $"select {EventRow.Columns} from {tables.Events} e where e.seq_id <= $1 and {share.Holds("e.stream_id")} order by e.seq_id", through, ct);
        await using var hashReader = hashes is null ? null : await ReadAsync(hashes,
            $"select seq_id, stream_id, version, hash, prev_hash, mac from {tables.Hashes} where seq_id <= $1 and {share.Holds("stream_id")} order by seq_id",
            through, ct);

        var streams = new Dictionary<Guid, byte[]>();
        var (hasEvent, hasHash) = (await eventReader.ReadAsync(ct), hashReader is not null && await hashReader.ReadAsync(ct));
        while (hasEvent || hasHash)
        {
            var eventSeq = hasEvent ? eventReader.GetInt64(0) : long.MaxValue;
            var hashSeq = hasHash ? hashReader!.GetInt64(0) : long.MaxValue;
            var row = eventSeq <= hashSeq ? EventRow.Read(eventReader) : null;
            var hash = hashSeq <= eventSeq ? HashRow.Read(hashReader!) : null;
            if (row is not null && row.Seq > sealedThrough) count.Unsealed();

            if (row is null) Unmatched.Add(hash!);
            else if (hash is null) Unhashed.Add(row);
            else
            {
                var previous = streams.GetValueOrDefault(row.StreamId, HashChain.Genesis);
                if (row.StreamId == hash.StreamId && row.Version == hash.Version && !hash.Previous.AsSpan().SequenceEqual(previous))
                    await findings.WriteAsync(new Problem(ProblemKind.Deleted, row.Seq, row.StreamId, row.Version,
                        "does not follow the event before it in its stream: an event was removed with its hash"), ct);
                streams[row.StreamId] = hash.Hash;
                foreach (var problem in Check(row, hash)) await findings.WriteAsync(problem, ct);
                if (count.Checked() is { } done) await findings.WriteAsync(new Progress("events", done), ct);
                if (documents is not null) await documents.AddAsync(row, ct);
            }

            if (row is not null) hasEvent = await eventReader.ReadAsync(ct);
            if (hash is not null) hasHash = await hashReader!.ReadAsync(ct);
        }
    }

    /// <summary>An event and the hash row of its sequence number: where they name different events, and whether the hash is the event's and the ledger's.</summary>
    public IEnumerable<Problem> Check(EventRow row, HashRow hash)
    {
        if (row.StreamId != hash.StreamId || row.Version != hash.Version)
            yield return new Problem(ProblemKind.Edited, row.Seq, row.StreamId, row.Version, $"was written as version {hash.Version} of stream {hash.StreamId}");
        HashChain.Link(hash.Previous, row, _computed, _preimage);
        if (!_computed.AsSpan().SequenceEqual(hash.Hash))
            yield return new Problem(ProblemKind.Edited, row.Seq, row.StreamId, row.Version,
                "differs from what the writer hashed (body, type, time, actor, role, correlation, causation or archived flag)");
        else if (!_marks.Matches(hash.Hash, hash.Mac))
            yield return new Problem(ProblemKind.Forged, row.Seq, row.StreamId, row.Version,
                "its hash was not written by the ledger (the writer's mark does not match)");
    }

    public void Dispose() => _marks.Dispose();

    private static async Task<NpgsqlDataReader> ReadAsync(NpgsqlConnection connection, string sql, long limit, CancellationToken ct)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await command.ExecuteReaderAsync(ct);
    }
}

/// <summary>A row of the hash table: what the writer hashed for a sequence number.</summary>
internal sealed record HashRow(long Seq, Guid StreamId, long Version, byte[] Hash, byte[] Previous, byte[] Mac)
{
    public static HashRow Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetGuid(1), r.GetInt64(2),
        r.GetFieldValue<byte[]>(3), r.GetFieldValue<byte[]>(4), r.GetFieldValue<byte[]>(5));
}

/// <summary>The counts every share adds to, and when a progress line is due.</summary>
internal sealed class EventCount
{
    private const long ProgressEvery = 100_000;
    private long _checked;
    private long _unsealed;

    public long Done => Interlocked.Read(ref _checked);
    public long UnsealedEvents => Interlocked.Read(ref _unsealed);

    /// <summary>Counts one event checked; the running total when it is a multiple of the progress step.</summary>
    public long? Checked()
    {
        var done = Interlocked.Increment(ref _checked);
        return done % ProgressEvery == 0 ? done : null;
    }

    public void Unsealed() => Interlocked.Increment(ref _unsealed);
}
