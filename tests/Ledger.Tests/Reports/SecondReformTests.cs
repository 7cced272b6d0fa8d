using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Imports;
using Sanzi.Projections.Reconciliation;
using Sanzi.Tests.Support;
using Shouldly;
using Weasel.Core;
using Weasel.Core.Migrations;

namespace Sanzi.Tests.Reports;

/// <summary>
/// A village made by one merger and merged away again in a later reform: the count of the first reform belongs to the old
/// villages that made it, so the later reform's reconciliation starts from what the new village has itself counted
/// (nothing yet), not from figures its predecessors settled; also in a ledger upgraded from a version that left the count
/// on the row.
/// </summary>
public class SecondReformTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task A_merged_village_merged_again_shows_nothing_counted_until_it_counts()
    {
        var m = await VillageMerger.Run(_api);
        var later = await Later(m);
        await NothingCounted(later);
    }

    [Fact]
    public async Task An_upgraded_ledger_no_longer_carries_the_senders_count_to_the_receiver()
    {
        var ct = TestContext.Current.CancellationToken;
        var m = await VillageMerger.Run(_api);
        var first = (await _api.Get($"/api/reforms/{m.ReformId}/reconciliation")).GetRawText();
        var later = await Later(m);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var documents = fixture.Host.Services.GetRequiredService<BulkDocuments>();

        // As the version before stored the new village's rows: each with the count its last transfer carried, shares and totals to match.
        await using (var session = store.QuerySession())
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            var rows = new List<(Guid Id, long Version, CatalogRow Row)>();
            foreach (var r in (await CatalogRows.OfUnitAsync(session, m.Merged.Code, ct)).Where(r => r.Transfers.Count > 0 && r.Transfers[^1].CountedValue is not null))
                rows.Add((r.Id, (await session.MetadataForAsync(r, ct))!.CurrentRevision, r with { CountedValue = r.Transfers[^1].CountedValue }));
            rows.ShouldNotBeEmpty();
            await connection.OpenAsync(ct);
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                await documents.WithTotalsAsync(connection, transaction, rows.Select(r => r.Id).ToArray(), replacing: true,
                    () => documents.ReplaceAsync(connection, transaction, rows, ct), ct);
                await transaction.CommitAsync(ct);
            }
            (await Differences(later)).ShouldBe(rows.Count, "the predecessors' count shows as the new village's, not yet handed over");

            // The upgrade: the listing table comes, filled from the rows as they are.
            var schema = store.Options.DatabaseSchemaName;
            await using (var drop = new Npgsql.NpgsqlCommand($"drop table if exists {schema}.{ReconciliationTotals.CarriedCountTable}", connection))
                await drop.ExecuteNonQueryAsync(ct);
            var options = (StoreOptions)store.Options;
            var migration = await SchemaMigration.DetermineAsync(connection, ct,
                ReconciliationTotals.Tables(schema).Where(t => t.Identifier.Name == ReconciliationTotals.CarriedCountTable).ToArray());
            await options.Advanced.Migrator.ApplyAllAsync(connection, migration, JasperFx.AutoCreate.CreateOrUpdate, ct: ct);
        }

        await new FiguresBackfill(store, documents, NullLogger<FiguresBackfill>.Instance).StartAsync(ct);

        await NothingCounted(later);
        (await _api.Get($"/api/reforms/{m.ReformId}/reconciliation")).GetRawText().ShouldBe(first);
    }

    /// <summary>A later reform merging the new village into another.</summary>
    private async Task<Guid> Later(VillageMerger m) =>
        (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "和平村并入新和村", approvalDocument = "县政字〔2026〕31号", approvedOn = Sample.Iso(Sample.TodayDate()),
            plannedFreezeDate = Sample.Iso(Sample.TodayDate().PlusDays(30)),
            predecessors = new[] { new { code = m.Merged.Code, name = "和平村" } },
            successors = new[] { new { code = Sample.VillageCode(), name = "新和村" } },
        }, 201)).GetProperty("reformId").GetGuid();

    private async Task<int> Differences(Guid reform) =>
        (await _api.Get($"/api/reforms/{reform}/reconciliation")).GetProperty("differences").GetArrayLength();

    private async Task NothingCounted(Guid reform)
    {
        var report = await _api.Get($"/api/reforms/{reform}/reconciliation");
        report.GetProperty("differences").GetArrayLength().ShouldBe(0);
        report.GetProperty("oldUnits").EnumerateArray().ShouldAllBe(c => c.GetProperty("expected").GetDecimal() == 0m);
    }
}
