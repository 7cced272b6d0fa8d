using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Integrity;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Handovers;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Handovers;

/// <summary>The third signature moves every item by the bulk path; what it writes reads, verifies and audits like any command's events.</summary>
public class BulkTransferTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    private const int Items = 25;

    [Fact]
    public async Task Every_item_reaches_the_successors_catalog_the_audit_trail_and_a_clean_verify()
    {
        fixture.Host.Services.GetRequiredService<BulkTransfers>().Covers.ShouldBeTrue("the test ledger takes the bulk path");
        var books = new Books(_api, Sample.TownshipCode());
        var successor = Sample.TownshipCode();
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "撤并", approvalDocument = "赣府字〔2026〕34号", approvedOn = "2026-11-01",
            plannedFreezeDate = "2026-11-30", noticeDays = 0,
            predecessors = new[] { new { code = books.Code, name = "旧乡" } }, successors = new[] { new { code = successor, name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        var items = new List<Guid>();
        for (var i = 0; i < Items; i++) items.Add(await books.Asset("officeEquipment", $"文件柜{i + 1}", 600m + i, ownership: "state"));
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        await books.DraftedAfterCounting([.. items]);

        (await books.SignedByAll()).GetProperty("itemsTransferred").GetInt32().ShouldBe(Items);

        var catalog = (await _api.Get($"/api/units/{successor}/catalog")).GetProperty("items");
        catalog.GetArrayLength().ShouldBe(Items);
        // The summary totals, kept set-based by this path, give the summary that folding every catalog row gives.
        await using (var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
            foreach (var code in new[] { books.Code, successor })
            {
                var kept = await SummaryReport.LoadAsync(session, code, ReportTime.Now, null, CancellationToken.None);
                JsonSerializer.Serialize(kept).ShouldBe(
                    JsonSerializer.Serialize(SummaryReport.Build(await UnitRecords.LoadAsync(session, code, ReportTime.Now, CancellationToken.None))), code);
                kept.Lines.Single(l => l.Item == "资产总计").Count.ShouldBe(Items, code);
            }

        // The path moves cards and rows in SQL; each stored row is the one the row's own Apply methods fold from its stream.
        await using (var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
            foreach (var id in items)
            {
                var folded = await session.Events.AggregateStreamAsync<CatalogRow>(id);
                var same = await session.QueryAsync<bool>("select data = ?::jsonb from ledger.mt_doc_catalogrow where id = ?",
                    session.DocumentStore.Options.Serializer().ToJson(folded), id);
                same.Single().ShouldBeTrue($"the catalog row of {id} as the bulk path stored it");
            }

        await _api.CaughtUp();
        var audit = await _api.Get($"/api/audit?unit={books.Code}&type=itemTransferred&limit=100", role: Sanzi.Api.Identity.Roles.Inspector);
        audit.GetProperty("entries").GetArrayLength().ShouldBe(Items);
        await fixture.Host.Services.GetRequiredService<IntegrityChain>().SealAsync();
        var (summary, problems) = await _api.Verify();
        problems.ShouldBeEmpty();
        summary.GetProperty("ok").GetBoolean().ShouldBeTrue();
    }
}
