using System.Runtime.InteropServices;
using System.Threading.Channels;
using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// Verify's events phase over one <see cref="Share"/> of the streams: its events and its hash rows copied out side by side
/// in sequence order (two binary COPYs read by <see cref="CopyRows"/>, so the server sends both at once), each event
/// rehashed from the bytes received with its stored previous hash (so one edit is reported once rather than as every later
/// event of its stream) and its writer's mark checked, and handed on to the documents' replay. An event without a hash row
/// here, or a hash row without an event, is kept for the end: its partner may be in another share when the stream id
/// itself was edited.
/// </summary>
internal sealed class EventScan(Tables tables, IntegrityKeys keys, Share share, ChannelWriter<Finding> findings, EventCount count, SealRoots roots)
    : IDisposable
{
    private readonly HashChain.Preimage _preimage = new();
    private readonly byte[] _computed = new byte[HashChain.Size];
    private readonly HashChain.MarkCheck _marks = new(keys.MacKey);

    public List<EventRow> Unhashed { get; } = [];
    public Files.CitedDocuments Cited { get; } = new();
    public List<HashRow> Unmatched { get; } = [];

    public async Task RunAsync(NpgsqlConnection events, NpgsqlConnection? hashes, long through, long sealedThrough, StreamReplay? documents,
        CancellationToken ct)
    {
        await using var eventRows = await CopyRows.OpenAsync(events,
            $"select {EventRow.Columns} from {tables.Events} e where e.seq_id <= {through} and {share.Holds("e.stream_id")} order by e.seq_id",
            EventRow.ColumnCount, ct);
        await using var hashRows = hashes is null ? null : await CopyRows.OpenAsync(hashes,
            $"select {HashRow.Columns} from {tables.Hashes} where seq_id <= {through} and {share.Holds("stream_id")} order by seq_id",
            HashRow.ColumnCount, ct);

        var streams = new Dictionary<Guid, byte[]>();
        var (hasEvent, hasHash) = (await eventRows.ReadAsync(ct), hashRows is not null && await hashRows.ReadAsync(ct));
        while (hasEvent || hasHash)
        {
            var eventSeq = hasEvent ? eventRows.Int64(EventRow.At.Seq) : long.MaxValue;
            var hashSeq = hasHash ? hashRows!.Int64(HashRow.At.Seq) : long.MaxValue;
            if (eventSeq <= hashSeq && eventSeq > sealedThrough) count.Unsealed();

            if (eventSeq > hashSeq) Unmatched.Add(HashRow.From(hashRows!));
            else if (hashSeq > eventSeq) Unhashed.Add(EventRow.From(eventRows));
            else
            {
                var (streamId, version) = (eventRows.Guid(EventRow.At.StreamId), eventRows.Int64(EventRow.At.Version));
                var (writtenStream, writtenVersion) = (hashRows!.Guid(HashRow.At.StreamId), hashRows.Int64(HashRow.At.Version));
                var previous = streams.GetValueOrDefault(streamId, HashChain.Genesis);
                if (streamId == writtenStream && version == writtenVersion && !hashRows.Value(HashRow.At.Previous).SequenceEqual(previous))
                    await findings.WriteAsync(new Problem(ProblemKind.Deleted, eventSeq, streamId, version,
                        "does not follow the event before it in its stream: an event was removed with its hash"), ct);
                Remember(streams, streamId, hashRows.Value(HashRow.At.Hash));
                HashChain.LinkCopied(hashRows.Value(HashRow.At.Previous), eventRows, _computed, _preimage);
                foreach (var problem in Verdict(eventSeq, streamId, version, writtenStream, writtenVersion, hashRows.Value(HashRow.At.Hash),
                             hashRows.Value(HashRow.At.Mac)))
                    await findings.WriteAsync(problem, ct);
                if (count.Checked() is { } done) await findings.WriteAsync(new Progress("events", done), ct);
                if (documents is not null) await documents.AddAsync(eventRows, ct);
            }

            if (eventSeq <= hashSeq)
            {
                Cited.Scan(eventSeq, eventRows.Value(EventRow.At.Data));
                hasEvent = await eventRows.ReadAsync(ct);
            }
            if (hashSeq <= eventSeq)
            {
                await WriteAsync(roots.Add(share.Index, hashSeq, hashRows!.Value(HashRow.At.Hash)), ct);
                hasHash = await hashRows.ReadAsync(ct);
            }
        }
        await WriteAsync(roots.Done(share.Index), ct);
    }

    private async ValueTask WriteAsync(List<Problem>? problems, CancellationToken ct)
    {
        if (problems is null) return;
        foreach (var problem in problems) await findings.WriteAsync(problem, ct);
    }

    /// <summary>Keeps a stream's last written hash, in the array it already has when the length is the same (one less allocation per event).</summary>
    private static void Remember(Dictionary<Guid, byte[]> streams, Guid streamId, ReadOnlySpan<byte> hash)
    {
        ref var kept = ref CollectionsMarshal.GetValueRefOrAddDefault(streams, streamId, out _);
        if (kept is null || kept.Length != hash.Length) kept = hash.ToArray();
        else hash.CopyTo(kept);
    }

    /// <summary>An event kept past its row and the hash row of its sequence number (an event whose stream id was edited meets its hash only at the end).</summary>
    public Problem[] Check(EventRow row, HashRow hash)
    {
        HashChain.Link(hash.Previous, row, _computed, _preimage);
        return Verdict(row.Seq, row.StreamId, row.Version, hash.StreamId, hash.Version, hash.Hash, hash.Mac);
    }

    /// <summary>
    /// Where an event and the hash row of its sequence number name different events, and whether the hash just computed
    /// into <c>_computed</c> is the one written, marked by the ledger.
    /// </summary>
    private Problem[] Verdict(long seq, Guid streamId, long version, Guid writtenStream, long writtenVersion, ReadOnlySpan<byte> hash,
        ReadOnlySpan<byte> mac)
    {
        var moved = streamId != writtenStream || version != writtenVersion
            ? new Problem(ProblemKind.Edited, seq, streamId, version, $"was written as version {writtenVersion} of stream {writtenStream}")
            : null;
        var content = !_computed.AsSpan().SequenceEqual(hash)
            ? new Problem(ProblemKind.Edited, seq, streamId, version,
                "differs from what the writer hashed (body, type, time, actor, role, correlation, causation or archived flag)")
            : !_marks.Matches(hash, mac)
                ? new Problem(ProblemKind.Forged, seq, streamId, version, "its hash was not written by the ledger (the writer's mark does not match)")
                : null;
        if (moved is null) return content is null ? [] : [content];
        return content is null ? [moved] : [moved, content];
    }

    public void Dispose() => _marks.Dispose();
}

/// <summary>A row of the hash table: what the writer hashed for a sequence number.</summary>
internal sealed record HashRow(long Seq, Guid StreamId, long Version, byte[] Hash, byte[] Previous, byte[] Mac)
{
    public const string Columns = "seq_id, stream_id, version, hash, prev_hash, mac";
    public const int ColumnCount = 6;

    /// <summary>Where each column is in a row of <see cref="Columns"/>.</summary>
    public static class At
    {
        public const int Seq = 0, StreamId = 1, Version = 2, Hash = 3, Previous = 4, Mac = 5;
    }

    public static HashRow From(CopyRows r) => new(r.Int64(At.Seq), r.Guid(At.StreamId), r.Int64(At.Version),
        r.Bytes(At.Hash) ?? [], r.Bytes(At.Previous) ?? [], r.Bytes(At.Mac) ?? []);
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
