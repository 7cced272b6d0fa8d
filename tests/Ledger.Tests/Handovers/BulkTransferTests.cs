using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Integrity;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Handovers;
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
        var unit = await HandedOverUnit.SignAsync(_api, Items, "文件柜");
        var (books, successor, items) = unit;

        var catalog = (await _api.Get($"/api/units/{successor}/catalog")).GetProperty("items");
        catalog.GetArrayLength().ShouldBe(Items);
        await unit.SummariesAsFoldedAsync(fixture.Host.Services.GetRequiredService<IDocumentStore>());

        // The path stores the rows and cards it folded from what it read; each stored one is the one its own Apply methods fold
        // from its stream.
        await using (var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            foreach (var id in items)
            {
                var folded = await session.Events.AggregateStreamAsync<CatalogRow>(id);
                var same = await session.QueryAsync<bool>("select data = ?::jsonb from ledger.mt_doc_catalogrow where id = ?",
                    session.DocumentStore.Options.Serializer().ToJson(folded), id);
                same.Single().ShouldBeTrue($"the catalog row of {id} as the bulk path stored it");
                var card = await session.QueryAsync<bool>("select data = ?::jsonb from ledger.mt_doc_item where id = ?",
                    session.DocumentStore.Options.Serializer().ToJson(await session.Events.AggregateStreamAsync<Item>(id)), id);
                card.Single().ShouldBeTrue($"the card of {id} as the bulk path stored it");
            }
            // What the signature staged for its transaction went with it.
            (await session.QueryAsync<int>($"select count(*)::int from {TransferStaging.Table("ledger")} where id = any(?)", items.ToArray()))
                .Single().ShouldBe(0);
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
