using Marten;
using Marten.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Imports;

namespace Sanzi.Projections.Reconciliation;

/// <summary>
/// Brings a ledger upgraded from before the reconciliation's kept sums up to them, before it serves anyone: its catalog rows'
/// shares lack the <see cref="ReconciliationFigure"/>s, so the kept sums would be empty and a reconciliation would show nothing
/// to reconcile. Each row listed in <see cref="ReconciliationTotals.UnfiguredTable"/> when the sums' tables were created is
/// stored again as its projection now writes it (the figures are decided in C#, from the row alone), its totals taken out and
/// counted in again; no event is replayed. In batches, each in its own transaction, so a stop half-way resumes where it was.
/// </summary>
public sealed class FiguresBackfill(IDocumentStore store, BulkDocuments documents, ILogger<FiguresBackfill> logger) : IHostedService
{
    private const int Batch = 2_000;

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var database in await store.Storage.AllDatabases())
            await BackfillAsync(database, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task BackfillAsync(IMartenDatabase database, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        var rows = store.Options.FindOrResolveDocumentType(typeof(CatalogRow)).TableName.QualifiedName;
        var serializer = store.Options.Serializer();
        var done = 0;
        while (true)
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var batch = new List<(Guid Id, long Version, CatalogRow Row)>();
            var taken = 0;
            // SKIP LOCKED: nodes starting together share the rows instead of waiting on each other. Each row is locked as it is
            // read: a node already serving may write it meanwhile, and the copy stored again here must be the one it wrote.
            await using (var read = new NpgsqlCommand($"""
                with taken as (delete from {schema}.{ReconciliationTotals.UnfiguredTable} where id in (
                  select id from {schema}.{ReconciliationTotals.UnfiguredTable} limit {Batch} for update skip locked) returning id)
                select t.id, r.mt_version, r.data from taken t
                  left join lateral (select c.mt_version, c.data from {rows} c where c.id = t.id for update) r on true
                """, connection, transaction))
            await using (var reader = await read.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    taken++;
                    if (!reader.IsDBNull(2)) batch.Add((reader.GetGuid(0), reader.GetInt64(1), serializer.FromJson<CatalogRow>(reader, 2)));
                }
            }

            if (batch.Count > 0)
                await documents.WithTotalsAsync(connection, transaction, batch.Select(b => b.Id).ToArray(), replacing: true,
                    () => documents.ReplaceAsync(connection, transaction, batch, ct), ct);
            await transaction.CommitAsync(ct);
            if (taken == 0) break;
            done += batch.Count;
        }

        if (done > 0)
            logger.LogInformation("对账汇总：升级前的 {Rows} 条账册目录行已按新口径重写，对账报告改由保存的汇总给出", done);
    }
}
