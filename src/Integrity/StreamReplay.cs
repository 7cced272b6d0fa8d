using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Sanzi.Integrity;

/// <summary>
/// Replays one <see cref="Share"/>'s documents from the events its <see cref="EventScan"/> reads: each event of a
/// document's stream is applied to that document's state as it streams past, up to the version the document was
/// stored at. Complete documents go a batch at a time to a second task, which sends them to PostgreSQL to compare with
/// the stored ones as jsonb (in the verification's snapshot; equal jsonb is equal whatever the key order), and reads
/// back only the documents that differ, to name the fields.
/// </summary>
internal sealed class StreamReplay(DocumentReplay.Run run, Share share, NpgsqlConnection connection, ChannelWriter<Finding> findings)
    : IAsyncDisposable
{
    private const int BatchSize = 1000;
    /// <summary>Events of one document applied together at most (one aggregator call each, rather than one per event).</summary>
    private const int ApplyEvery = 64;
    /// <summary>Events held, over all documents, before every held one is applied: memory stays bounded whatever the streams' interleaving.</summary>
    private const int HeldAtMost = 20_000;
    private readonly Dictionary<Guid, Pending> _pending = new();
    private readonly HashSet<Pending> _holding = [];
    private int _held;
    private readonly IQuerySession _session = run.Session();
    private readonly Channel<List<Pending>> _batches = Channel.CreateBounded<List<Pending>>(2);
    private readonly ArrayBufferWriter<byte> _json = new();
    private readonly ArrayBufferWriter<byte> _jsonb = new();
    private readonly JsonbText _printed = new();
    /// <summary>Event wrappers applied and free to wrap a later body of their type.</summary>
    private readonly Dictionary<Type, Stack<IEvent>> _spare = new();
    private List<Pending> _complete = new(BatchSize);
    private Task? _comparing;

    /// <summary>A stored document waiting for the events it was built from.</summary>
    private sealed class Pending(DocumentKind kind, Guid id, long version)
    {
        public DocumentKind Kind => kind;
        public Guid Id => id;
        public long Version => version;
        public object? State;
        public long Seq;
        public long Reached = -1;
        public string? Unreadable;
        /// <summary>Events read for this document and not applied yet.</summary>
        public List<IEvent>? Held;
        /// <summary>Another kind of document kept on the same stream, if any.</summary>
        public Pending? Next;
    }

    /// <summary>The share's stored documents and the stream version each was built from; then starts comparing.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await ReadVersionsAsync(ct);
        _comparing = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in _batches.Reader.ReadAllAsync(ct)) await CompareAsync(batch, ct);
            }
            catch (Exception e)
            {
                _batches.Writer.TryComplete(e);
                throw;
            }
        }, ct);
    }

    private async Task ReadVersionsAsync(CancellationToken ct)
    {
        foreach (var kind in run.Kinds)
        {
            await using var command = new NpgsqlCommand($"select id, mt_version from {kind.Table} where {share.Holds("id")}", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var pending = new Pending(kind, reader.GetGuid(0), Convert.ToInt64(reader.GetValue(1)));
                pending.Next = _pending.GetValueOrDefault(pending.Id);
                _pending[pending.Id] = pending;
            }
        }
    }

    /// <summary>
    /// An event of this share (the current row of its COPY), in sequence order; read for the documents of its stream not
    /// yet complete, and applied to each when it completes, when it holds <see cref="ApplyEvery"/> events, or when the
    /// share holds <see cref="HeldAtMost"/>.
    /// </summary>
    public async ValueTask AddAsync(CopyRows row, CancellationToken ct)
    {
        if (!_pending.TryGetValue(row.Guid(EventRow.At.StreamId), out var first)) return;
        var (seq, version) = (row.Int64(EventRow.At.Seq), row.Int64(EventRow.At.Version));
        (EventReader Reader, object Data)? body = null;
        for (var pending = first; pending is not null; pending = pending.Next)
        {
            // Events appended after the document was stored belong to a later document.
            if (version > pending.Version || pending.Reached == pending.Version) continue;
            if (pending.Unreadable is null)
            {
                try
                {
                    body ??= Read(row);
                    Hold(pending, Wrap(body.Value.Reader, body.Value.Data, row));
                }
                // An edited body or type (named by the events phase) must not stop the check: the document is named instead.
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    pending.Unreadable = $"cannot be rebuilt: event {seq} does not read as {row.Text(EventRow.At.Type)} ({ex.Message})";
                }
            }
            (pending.Seq, pending.Reached) = (seq, version);
            if (version == pending.Version)
            {
                await ApplyAsync(pending, ct);
                pending.Held = null;
                _complete.Add(pending);
            }
            else if (pending.Held?.Count >= ApplyEvery) await ApplyAsync(pending, ct);
        }
        if (_held >= HeldAtMost)
        {
            foreach (var holding in _holding.ToList()) await ApplyAsync(holding, ct);
        }
        if (_complete.Count >= BatchSize) await FlushAsync(ct);
    }

    private void Hold(Pending pending, IEvent e)
    {
        (pending.Held ??= []).Add(e);
        _holding.Add(pending);
        _held++;
    }

    /// <summary>
    /// Applies the events a document holds. When the aggregator refuses them together they are applied one at a time from
    /// the same state (the ledger's documents are immutable records), so the document is named with the event it cannot
    /// be rebuilt from, as before.
    /// </summary>
    private async ValueTask ApplyAsync(Pending pending, CancellationToken ct)
    {
        if (pending.Held is not { Count: > 0 } events) return;
        _holding.Remove(pending);
        try
        {
            if (pending.Unreadable is null) pending.State = await pending.Kind.ApplyAsync(events, pending.State, _session, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var e in events)
            {
                try
                {
                    pending.State = await pending.Kind.ApplyAsync([e], pending.State, _session, ct);
                }
                catch (Exception one) when (one is not OperationCanceledException)
                {
                    pending.Unreadable = $"cannot be rebuilt: event {e.Sequence} does not read as {e.EventTypeName} ({one.Message})";
                    break;
                }
            }
            pending.Unreadable ??= $"cannot be rebuilt from events {events[0].Sequence}..{events[^1].Sequence} ({ex.Message})";
        }
        _held -= events.Count;
        // Each wrapper is held by one document only (see AddAsync), so it is free again once applied.
        foreach (var e in events) (_spare.TryGetValue(e.EventType, out var spare) ? spare : _spare[e.EventType] = new()).Push(e);
        events.Clear();
    }

    /// <summary>Compares what is left, and names every document whose stream never reached the version it claims.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        _batches.Writer.Complete();
        await _comparing!;
        var missing = 0;
        foreach (var first in _pending.Values)
            for (var pending = first; pending is not null; pending = pending.Next)
                if (pending.Reached != pending.Version)
                {
                    missing++;
                    await findings.WriteAsync(new Problem(ProblemKind.DocumentDiffers, null, pending.Id, pending.Version,
                        $"says it was built from version {pending.Version} of its stream, which has no such event", Name(pending)), ct);
                }
        if (missing > 0) await findings.WriteAsync(new Progress("documents", run.Counted(missing)), ct);
    }

    /// <summary>The row's body as its event type, read from the bytes received.</summary>
    private (EventReader Reader, object Data) Read(CopyRows row)
    {
        var reader = run.EventType(row.Value(EventRow.At.Type)) ?? throw new InvalidOperationException($"no event type is named {row.Text(EventRow.At.Type)}");
        return (reader, run.Serializer.FromJson(reader.Type, row.Stream(EventRow.At.Data)));
    }

    /// <summary>
    /// The body wrapped as the event the aggregators apply, in a wrapper of its type applied before if there is one; a
    /// body read for two documents of one stream gets a wrapper for each.
    /// </summary>
    private IEvent Wrap(EventReader reader, object data, CopyRows row)
    {
        var e = reader.Wrap(data, _spare.TryGetValue(reader.Type, out var spare) && spare.TryPop(out var reused) ? reused : null);
        e.EventTypeName = reader.Name;
        e.Sequence = row.Int64(EventRow.At.Seq);
        e.Version = row.Int64(EventRow.At.Version);
        e.StreamId = row.Guid(EventRow.At.StreamId);
        e.Timestamp = DateTimeOffset.UnixEpoch.AddTicks(EventRow.Micros(row.Int64(EventRow.At.Timestamp)) * 10);
        return e;
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_complete.Count == 0) return;
        await _batches.Writer.WriteAsync(_complete, ct);
        _complete = new List<Pending>(BatchSize);
    }

    /// <summary>Names each document of the batch that is not what its events make it.</summary>
    private async Task CompareAsync(List<Pending> batch, CancellationToken ct)
    {
        foreach (var kind in batch.GroupBy(p => p.Kind))
        {
            var replayed = kind.Where(p => p.Unreadable is null).ToDictionary(p => p.Id, p => Utf8(p.State));
            foreach (var pending in kind) pending.State = null;
            var differing = await DifferingAsync(kind.Key, replayed, ct);
            foreach (var pending in kind)
            {
                if (pending.Unreadable is not null)
                    await findings.WriteAsync(new Problem(ProblemKind.DocumentDiffers, pending.Seq, pending.Id, pending.Version, pending.Unreadable, Name(pending)), ct);
                else if (differing.TryGetValue(pending.Id, out var stored) && Differing(stored, replayed[pending.Id]) is { Count: > 0 } fields)
                    await findings.WriteAsync(new Problem(ProblemKind.DocumentDiffers, pending.Seq, pending.Id, pending.Version,
                        $"differs from its events in {string.Join(", ", fields)}", Name(pending)), ct);
            }
        }
        await findings.WriteAsync(new Progress("documents", run.Counted(batch.Count)), ct);
    }

    /// <summary>A replayed document as Marten writes one, then as jsonb prints it (<see cref="JsonbText"/>), in UTF-8.</summary>
    private byte[] Utf8(object? state)
    {
        _json.ResetWrittenCount();
        run.Serializer.WriteTo(_json, state);
        _jsonb.ResetWrittenCount();
        _printed.Write(_json.WrittenSpan, _jsonb);
        return _jsonb.WrittenSpan.ToArray();
    }

    private static string Name(Pending pending) => $"{pending.Kind.Name} {pending.Id}";

    /// <summary>
    /// The stored text of every document PostgreSQL finds unequal (as jsonb) to its replayed one. The replayed one comes as
    /// jsonb's text: equal to the stored one's print, it is the same document, and the server parses nothing; only where
    /// the texts differ is it parsed and compared as jsonb, so a text printed otherwise than jsonb would is never a finding.
    /// </summary>
    private async Task<Dictionary<Guid, string>> DifferingAsync(DocumentKind kind, Dictionary<Guid, byte[]> replayed, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select d.id, d.data::text from unnest($1::uuid[], $2::bytea[]) r(id, printed) join {kind.Table} d on d.id = r.id " +
            "where case when d.data::text = convert_from(r.printed, 'UTF8') then false else d.data <> convert_from(r.printed, 'UTF8')::jsonb end",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = replayed.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = replayed.Values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var stored = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(ct)) stored[reader.GetGuid(0)] = reader.GetString(1);
        return stored;
    }

    /// <summary>The top-level fields whose values differ, or "the whole document".</summary>
    private static List<string> Differing(string stored, byte[] replayed)
    {
        using var a = JsonDocument.Parse(stored);
        using var b = JsonDocument.Parse(replayed);
        if (JsonElement.DeepEquals(a.RootElement, b.RootElement)) return [];
        if (a.RootElement.ValueKind != JsonValueKind.Object || b.RootElement.ValueKind != JsonValueKind.Object) return ["the whole document"];
        var right = b.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        var left = a.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        return left.Keys.Union(right.Keys)
            .Where(k => !left.TryGetValue(k, out var l) || !right.TryGetValue(k, out var r) || !JsonElement.DeepEquals(l, r))
            .Order(StringComparer.Ordinal).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _batches.Writer.TryComplete();
        if (_comparing is not null) await Task.WhenAny(_comparing);
        await _session.DisposeAsync();
    }
}
