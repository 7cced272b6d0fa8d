using Marten;
using Marten.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Imports;

namespace Sanzi.Projections.Reconciliation;

/// <summary>
/// Brings a ledger upgraded in place up to what its catalog rows' shares now say, before it serves anyone: rows from before
/// the reconciliation's kept sums lack the <see cref="ReconciliationFigure"/>s (the kept sums would be empty and a
/// reconciliation would show nothing to reconcile), and rows whose transfer left the sender's count on them show the receiver
/// as having counted (a later reform merging it away again would reconcile against its predecessors' count). Each row listed
/// in <see cref="ReconciliationTotals.UnfiguredTable"/> or <see cref="ReconciliationTotals.CarriedCountTable"/> when these
/// tables were created is stored again as its projection now writes it (the figures are decided in C#, from the row alone;
/// a carried count is taken off), its totals taken out and counted in again; no event is replayed. In batches, each in its
/// own transaction, so a stop half-way resumes where it was.
/// </summary>
public sealed class FiguresBackfill(IDocumentStore store, BulkDocuments documents, ILogger<FiguresBackfill> logger) : IHostedService
{
    private const int Batch = 2_000;

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var database in await store.Storage.AllDatabases())
        {
            var figured = await BackfillAsync(database, ReconciliationTotals.UnfiguredTable, row => row, ct);
            if (figured > 0) logger.LogInformation("对账汇总：升级前的 {Rows} 条账册目录行已按新口径重写，对账报告改由保存的汇总给出", figured);
            var uncounted = await BackfillAsync(database, ReconciliationTotals.CarriedCountTable, row => row with { CountedValue = null }, ct);
            if (uncounted > 0) logger.LogInformation("对账汇总：升级前接收的 {Rows} 项已不再沿用移交方的盘点数，由接收单位自行盘点", uncounted);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Stores every row <paramref name="listed"/> again as <paramref name="stored"/> makes it; how many.</summary>
    private async Task<int> BackfillAsync(IMartenDatabase database, string listed, Func<CatalogRow, CatalogRow> stored, CancellationToken ct)
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
                with taken as (delete from {schema}.{listed} where id in (
                  select id from {schema}.{listed} limit {Batch} for update skip locked) returning id)
                select t.id, r.mt_version, r.data from taken t
                  left join lateral (select c.mt_version, c.data from {rows} c where c.id = t.id for update) r on true
                """, connection, transaction))
            await using (var reader = await read.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    taken++;
                    if (!reader.IsDBNull(2)) batch.Add((reader.GetGuid(0), reader.GetInt64(1), stored(serializer.FromJson<CatalogRow>(reader, 2))));
                }
            }

            if (batch.Count > 0)
                await documents.WithTotalsAsync(connection, transaction, batch.Select(b => b.Id).ToArray(), replacing: true,
                    () => documents.ReplaceAsync(connection, transaction, batch, ct), ct);
            await transaction.CommitAsync(ct);
            if (taken == 0) return done;
            done += batch.Count;
        }
    }
}
