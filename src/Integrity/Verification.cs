using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// Verify's reading of the database, in one snapshot: the seals first, then the log split by stream into
/// <see cref="Share"/>s scanned side by side (each rehashing its events and replaying its documents, and handing its hash
/// rows to the seals' roots). Findings stream out as the shares find them; events and hash rows
/// without a partner in their share are paired across shares at the end.
/// </summary>
internal sealed class Verification(Func<NpgsqlConnection> connect, Tables tables, IntegrityKeys keys)
{
    private readonly EventCount _count = new();

    public long EventsChecked => _count.Done;
    public long Unsealed => _count.UnsealedEvents;
    public long Tombstones { get; private set; }
    public long SealedThrough { get; private set; }

    /// <summary>The document digests the events checked cite, with the first event citing each (once the run is over).</summary>
    public IReadOnlyList<(string Digest, long Seq)> CitedDocuments { get; private set; } = [];

    /// <summary>The seals verify trusted: the seal file's signed ones, then the table's newer signed ones.</summary>
    public List<Seal> Chain { get; private set; } = [];

    /// <summary>
    /// Problems and notes as found, progress between them; <paramref name="through"/> stops at a sequence number, and
    /// <paramref name="documents"/> null leaves the documents alone. <paramref name="filed"/> must be read from the seal
    /// file before this starts: every seal in it was committed before the snapshot this takes, so none looks missing.
    /// </summary>
    public async IAsyncEnumerable<Finding> RunAsync(IReadOnlyList<Seal> filed, long? through, DocumentReplay.Run? documents,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var main = connect();
        await main.OpenAsync(ct);
        await using var transaction = await main.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var snapshot = (string)(await Scalar(main, "select pg_export_snapshot()", ct))!;

        var sealsExist = await Scalar(main, $"select to_regclass('{tables.Seals}')::text", ct) is string;
        var stored = sealsExist ? await SealRows.ReadAllAsync(main, tables, ct) : null;
        var (chain, sealProblems) = SealCheck.Run(filed, stored, keys);
        if (!sealsExist) yield return new Problem(ProblemKind.SealBroken, null, null, null, $"the table {tables.Seals} is gone");
        foreach (var p in sealProblems) yield return p;
        Chain = through is { } last ? chain.TakeWhile(s => s.ToSeq <= last).ToList() : chain;
        yield return new Progress("seals", chain.Count);

        var hashesExist = await Scalar(main, $"select to_regclass('{tables.Hashes}')::text", ct) is string;
        if (!hashesExist) yield return new Problem(ProblemKind.SealBroken, null, null, null, $"the table {tables.Hashes} is gone");
        var shares = Share.All();
        var roots = new SealRoots(Chain, shares.Count);
        SealedThrough = roots.SealedThrough;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var findings = Channel.CreateBounded<Finding>(new BoundedChannelOptions(4096) { SingleReader = true });
        var scans = shares.Select(share => (Share: share, Scan: new EventScan(tables, keys, share, findings.Writer, _count, roots))).ToList();
        var work = Task.Run(async () =>
        {
            try
            {
                await Task.WhenAll(scans.Select(s =>
                    ScanAsync(s.Share, s.Scan, snapshot, through ?? long.MaxValue, hashesExist, documents, findings.Writer, stop.Token)));
                findings.Writer.Complete();
            }
            catch (Exception e)
            {
                await stop.CancelAsync();
                findings.Writer.Complete(e);
            }
        }, stop.Token);
        try
        {
            try
            {
                await foreach (var finding in findings.Reader.ReadAllAsync(ct)) yield return finding;
            }
            finally
            {
                await stop.CancelAsync();
                await work;
            }
            foreach (var finding in Unpaired(scans.Select(s => s.Scan).ToList())) yield return finding;
            CitedDocuments = Files.CitedDocuments.Merge(scans.Select(s => s.Scan.Cited));
        }
        finally
        {
            foreach (var (_, scan) in scans) scan.Dispose();
        }
        yield return new Progress("events", EventsChecked);
    }

    /// <summary>One share: its events and hash rows merged, its documents replayed, on connections of its own in the snapshot.</summary>
    private async Task ScanAsync(Share share, EventScan scan, string snapshot, long through, bool hashesExist, DocumentReplay.Run? documents,
        ChannelWriter<Finding> findings, CancellationToken ct)
    {
        await using var events = connect();
        await using var hashes = hashesExist ? connect() : null;
        await using var stored = documents is null ? null : connect();
        foreach (var connection in new[] { events, hashes, stored }.OfType<NpgsqlConnection>())
        {
            await connection.OpenAsync(ct);
            await Share.JoinAsync(connection, snapshot, ct);
        }
        await using var replay = documents is null ? null : new StreamReplay(documents, share, stored!, findings);
        if (replay is not null) await replay.LoadAsync(ct);
        await scan.RunAsync(events, hashes, through, SealedThrough, replay, ct);
        if (replay is not null) await replay.FinishAsync(ct);
    }

    /// <summary>
    /// Events without a hash row in their share and hash rows without an event: the same sequence number in two shares is
    /// an event whose stream id was edited; an event alone was written outside the ledger (or is Marten's tombstone); a
    /// hash row alone is an event deleted.
    /// </summary>
    private IEnumerable<Finding> Unpaired(List<EventScan> scans)
    {
        var hashes = scans.SelectMany(s => s.Unmatched).ToDictionary(h => h.Seq);
        foreach (var row in scans.SelectMany(s => s.Unhashed).OrderBy(r => r.Seq))
        {
            if (hashes.Remove(row.Seq, out var hash))
            {
                _count.Checked();
                foreach (var problem in scans[0].Check(row, hash)) yield return problem;
            }
            else if (row.IsTombstone)
            {
                Tombstones++;
                yield return new Note(row.Seq, "tombstone: Marten's filler for a sequence number an append took before it failed; not an event");
            }
            else yield return new Problem(ProblemKind.Inserted, row.Seq, row.StreamId, row.Version, "has no hash from the writer: it was written outside the ledger");
        }
        foreach (var hash in hashes.Values.OrderBy(h => h.Seq))
            yield return new Problem(ProblemKind.Deleted, hash.Seq, hash.StreamId, hash.Version, "was hashed by the writer but is no longer in the event log");
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }
}
