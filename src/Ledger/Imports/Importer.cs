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
/// Enters a register's rows into a unit's books (批量导入): checks every row first, then writes the rows not
/// yet in the books in transactions of <see cref="BatchSize"/> items, each hashed into the chain like any other
/// write. A run killed half-way leaves whole batches; run again, it finds their streams and writes only the rest,
/// so every row ends up once. The <see cref="IImportWriter"/> decides how a batch is written (by COPY in the host).
/// </summary>
public sealed class Importer(IDocumentStore store, IClock clock, IImportWriter writer)
{
    public int BatchSize { get; init; } = 2_000;

    public async Task<ImportResult> ImportAsync(ImportRequest request, Actor actor, string? correlationId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var stamp = new Stamp(actor.Name, now, request.BusinessDate ?? Stamp.DayOf(now));
        if (stamp.BusinessDate > stamp.RecordedOn)
            throw Common.Refused.Invalid("businessDate", $"may not be later than the recording date {stamp.RecordedOn}");

        UnitBook unit;
        await using (var query = store.QueryFor(request.Tenant)) unit = await query.UnitAsync(request.UnitCode, ct);
        var plan = ImportPlan.Build(request.Spec, unit, request.Rows, stamp);
        if (plan.Problems.Count > 0 && !request.ValidOnly)
            return new ImportResult(unit.Code, request.Spec.Table, request.Rows.Count, 0, 0, plan.Problems);

        var existing = await ExistingStreamsAsync(plan.Rows.Select(r => r.ItemId).ToArray(), request.Tenant, ct);
        if (existing.Count > 0) await writer.RepairAsync(existing, request.Tenant, ct);
        var pending = plan.Rows.Where(r => !existing.Contains(r.ItemId)).ToList();
        progress?.Report(new ImportProgress(0, pending.Count));
        var written = 0;
        foreach (var batch in pending.Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            await WriteBatchAsync(request.Spec, unit.Code, batch, stamp, new ImportMetadata(actor, correlationId, now, request.Tenant), ct);
            written += batch.Length;
            progress?.Report(new ImportProgress(written, pending.Count));
        }

        return new ImportResult(unit.Code, request.Spec.Table, request.Rows.Count, written, plan.Rows.Count - pending.Count, plan.Problems);
    }

    /// <summary>One batch: the unit's books read afresh (a freeze may have come since the check), each row decided again, then written.</summary>
    private async Task WriteBatchAsync(TableSpec spec, string unitCode, IReadOnlyList<PlannedRow> batch, Stamp stamp,
        ImportMetadata metadata, CancellationToken ct)
    {
        UnitBook unit;
        await using (var query = store.QueryFor(metadata.Tenant)) unit = await query.UnitAsync(unitCode, ct);
        await writer.WriteAsync(batch.Select(row => new ImportedItem(row.ItemId, spec.Decide(row.Command, unit, row.ItemId, stamp))).ToList(),
            metadata, ct);
    }

    private async Task<HashSet<Guid>> ExistingStreamsAsync(Guid[] ids, string? tenant, CancellationToken ct)
    {
        var database = tenant is null ? store.Storage.Database : await store.Storage.FindOrCreateDatabase(tenant);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }
}
