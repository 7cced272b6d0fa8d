using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Handovers;

/// <summary>
/// A ledger upgraded in place from a version whose handover counted the catalog rows' totals out and in again: its database
/// has no function moving them in one call until the migration at startup adds it, and then a handover keeps the same sums.
/// </summary>
public class HandoverUpgradeTests
{
    [Fact]
    public async Task A_ledger_from_before_the_moved_totals_hands_over_with_the_same_summary_after_its_startup_migration()
    {
        var ct = TestContext.Current.CancellationToken;
        var (host, _) = await SeparateLedger.StartAsync("handover_upgrade");
        await using var _ = host;
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"drop function {store.Options.DatabaseSchemaName}.summary_shares_moved(uuid[], jsonb[])", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }
        // What the host runs at startup.
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var api = new LedgerApi(host);
        var books = new Books(api, Sample.TownshipCode());
        var successor = Sample.TownshipCode();
        var reformId = (await api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "撤并", approvalDocument = "赣府字〔2026〕35号", approvedOn = "2026-11-01",
            plannedFreezeDate = "2026-11-30", noticeDays = 0,
            predecessors = new[] { new { code = books.Code, name = "旧乡" } }, successors = new[] { new { code = successor, name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        var items = new List<Guid>();
        for (var i = 0; i < 3; i++) items.Add(await books.Asset("officeEquipment", $"档案柜{i + 1}", 900m + i, ownership: "state"));
        await api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        await books.DraftedAfterCounting([.. items]);

        (await books.SignedByAll()).GetProperty("itemsTransferred").GetInt32().ShouldBe(items.Count);

        await using var session = store.QuerySession();
        foreach (var code in new[] { books.Code, successor })
        {
            var kept = await SummaryReport.LoadAsync(session, code, ReportTime.Now, null, ct);
            JsonSerializer.Serialize(kept).ShouldBe(
                JsonSerializer.Serialize(SummaryReport.Build(await UnitRecords.LoadAsync(session, code, ReportTime.Now, ct))), code);
            kept.Lines.Single(l => l.Item == "资产总计").Count.ShouldBe(items.Count, code);
        }
    }
}
