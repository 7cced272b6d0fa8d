using Marten;
using NodaTime;
using Npgsql;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Imports;

/// <summary>What to import: into which unit's books, which register, its rows, and whether to skip bad rows.</summary>
public sealed record ImportRequest(string UnitCode, TableSpec Spec, IReadOnlyList<ImportRow> Rows, bool ValidOnly = false,
    LocalDate? BusinessDate = null, string? Tenant = null);

/// <summary>
/// How an import went: rows read, items written now, rows already in the books from an earlier run, and
/// every problem found. With problems and without <c>validOnly</c>, nothing was written.
/// </summary>
public sealed record ImportResult(string UnitCode, ImportTable Table, int Rows, int Written, int AlreadyImported,
    IReadOnlyList<RowProblem> Problems)
{
    public bool Refused(bool validOnly) => Problems.Count > 0 && !validOnly;
}

/// <summary>How far the writing has come, for a progress bar.</summary>
public sealed record ImportProgress(int Done, int Total);

/// <summary>
/// Enters registers' rows into units' books (批量导入): checks every row of every register first, then writes the rows not
/// yet in the books in transactions of <see cref="BatchSize"/> items, across registers and units (a township's files at
/// once: a village's register is 3–550 rows, and a transaction's fixed costs would otherwise dominate), each hashed into
/// the chain like any other write. While one batch commits the next is decided and sent (<see cref="InFlight"/>), so C#
/// and PostgreSQL work side by side. A run killed half-way leaves whole batches; run again, it finds their streams and
/// writes only the rest, so every row ends up once. The <see cref="IImportWriter"/> decides how a batch is written (by
/// COPY in the host).
/// </summary>
public sealed class Importer(IDocumentStore store, IClock clock, IImportWriter writer)
{
    public int BatchSize { get; init; } = 5_000;

    /// <summary>Batches written at once, each on its own connection: two keep both cores busy without queueing behind each other.</summary>
    public int InFlight { get; init; } = 2;

    /// <summary>
    /// The smallest batch an import is split into so that its batches are in flight together (a township's 2,000 rows go as
    /// two of 1,000, not one of 2,000 with nothing beside it); below twice this, one batch.
    /// </summary>
    public int SplitAbove { get; init; } = 500;

    /// <summary>The size of this import's batches: its rows shared among the flows, none above <see cref="BatchSize"/>.</summary>
    private int BatchSizeFor(int rows) => Math.Min(BatchSize, Math.Max(SplitAbove, (rows + InFlight - 1) / InFlight));

    public async Task<ImportResult> ImportAsync(ImportRequest request, Actor actor, string? correlationId,
        IProgress<ImportProgress>? progress, CancellationToken ct) =>
        (await ImportAsync([request], actor, correlationId, progress, ct))[0];

    /// <summary>
    /// Several registers in one go, all into one database: each is checked on its own, and one with problems (unless it
    /// asks for <c>validOnly</c>) writes nothing while the others are written. The results are in the requests' order.
    /// </summary>
    public async Task<IReadOnlyList<ImportResult>> ImportAsync(IReadOnlyList<ImportRequest> requests, Actor actor, string? correlationId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var tenant = requests.Select(r => r.Tenant).Distinct().Single();
        var now = clock.GetCurrentInstant();
        var stamps = requests.Select(r => StampOf(r, actor, now)).ToList();
        var units = await UnitsAsync(requests.Select(r => r.UnitCode), tenant, ct);
        var plans = await Task.WhenAll(requests.Select((r, i) => Task.Run(() => ImportPlan.Build(r.Spec, units[r.UnitCode], r.Rows, stamps[i]), ct)));
        var writing = Enumerable.Range(0, requests.Count).Where(i => plans[i].Problems.Count == 0 || requests[i].ValidOnly).ToList();
        var checkedOn = new ImportBooks(requests, stamps, units);

        var existing = await ExistingStreamsAsync(writing.SelectMany(i => plans[i].Rows.Select(r => r.ItemId)).ToArray(), tenant, ct);
        if (existing.Count > 0) await writer.RepairAsync(existing, tenant, ct);
        var pending = writing.SelectMany(i => plans[i].Rows.Where(r => !existing.Contains(r.ItemId)).Select(row => new Pending(i, row))).ToList();
        await WriteAsync(pending, checkedOn, new ImportMetadata(actor, correlationId, now, tenant), progress, ct);

        return requests.Select((r, i) =>
        {
            var wrote = writing.Contains(i);
            var written = wrote ? pending.Count(p => p.Request == i) : 0;
            return new ImportResult(units[r.UnitCode].Code, r.Spec.Table, r.Rows.Count, written, wrote ? plans[i].Rows.Count - written : 0,
                plans[i].Problems);
        }).ToList();
    }

    private sealed record Pending(int Request, PlannedRow Row);

    /// <summary>What the rows were checked against: each request's stamp, and the units' books as they were read then.</summary>
    private sealed record ImportBooks(IReadOnlyList<ImportRequest> Requests, IReadOnlyList<Stamp> Stamps, IReadOnlyDictionary<string, UnitBook> Units);

    private static Stamp StampOf(ImportRequest request, Actor actor, Instant now)
    {
        var stamp = new Stamp(actor.Name, now, request.BusinessDate ?? Stamp.DayOf(now));
        return stamp.BusinessDate > stamp.RecordedOn
            ? throw Common.Refused.Invalid("businessDate", $"may not be later than the recording date {stamp.RecordedOn}")
            : stamp;
    }

    /// <summary>
    /// The batches, up to <see cref="InFlight"/> at a time; progress counts those committed. If one fails, the others in
    /// flight are let finish (each whole or not at all) before the failure is passed on.
    /// </summary>
    private async Task WriteAsync(List<Pending> pending, ImportBooks checkedOn, ImportMetadata metadata, IProgress<ImportProgress>? progress,
        CancellationToken ct)
    {
        progress?.Report(new ImportProgress(0, pending.Count));
        var written = 0;
        var inFlight = new Queue<Task<int>>();
        try
        {
            foreach (var batch in pending.Chunk(BatchSizeFor(pending.Count)))
            {
                if (inFlight.Count == InFlight) Report(await inFlight.Dequeue());
                ct.ThrowIfCancellationRequested();
                inFlight.Enqueue(WriteBatchAsync(batch, checkedOn, metadata, ct));
            }

            while (inFlight.Count > 0) Report(await inFlight.Dequeue());
        }
        finally
        {
            await Task.WhenAll(inFlight).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        void Report(int batch)
        {
            written += batch;
            progress?.Report(new ImportProgress(written, pending.Count));
        }
    }

    /// <summary>
    /// One batch: its units' books read afresh (a freeze may have come since the check), each row decided again on books that
    /// changed since (a pure decision on equal books takes the same event, so the checked one is kept), then written.
    /// </summary>
    private async Task<int> WriteBatchAsync(Pending[] batch, ImportBooks checkedOn, ImportMetadata metadata, CancellationToken ct)
    {
        await Task.Yield();
        var units = await UnitsAsync(batch.Select(p => checkedOn.Requests[p.Request].UnitCode), metadata.Tenant, ct);
        var items = batch.Select(p =>
        {
            var request = checkedOn.Requests[p.Request];
            var unit = units[request.UnitCode];
            return new ImportedItem(p.Row.ItemId, unit.Equals(checkedOn.Units[request.UnitCode])
                ? p.Row.Decided
                : request.Spec.Decide(p.Row.Command, unit, p.Row.ItemId, checkedOn.Stamps[p.Request]));
        }).ToList();
        await writer.WriteAsync(items, metadata, ct);
        return batch.Length;
    }

    /// <summary>The units by the codes the requests name, in one read for those registered under their own code.</summary>
    private async Task<Dictionary<string, UnitBook>> UnitsAsync(IEnumerable<string> codes, string? tenant, CancellationToken ct)
    {
        var distinct = codes.Distinct().ToList();
        await using var query = store.QueryFor(tenant);
        var loaded = (await query.LoadManyAsync<UnitBook>(ct, distinct.Where(DivisionCode.IsValid).Select(StreamIds.ForUnit))).ToDictionary(u => u.Id);
        var units = new Dictionary<string, UnitBook>();
        foreach (var code in distinct)
            units[code] = DivisionCode.IsValid(code) && loaded.TryGetValue(StreamIds.ForUnit(code), out var unit) ? unit : await query.UnitAsync(code, ct);
        return units;
    }

    private async Task<HashSet<Guid>> ExistingStreamsAsync(Guid[] ids, string? tenant, CancellationToken ct)
    {
        var found = new HashSet<Guid>();
        if (ids.Length == 0) return found;
        var database = tenant is null ? store.Storage.Database : await store.Storage.FindOrCreateDatabase(tenant);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }
}
