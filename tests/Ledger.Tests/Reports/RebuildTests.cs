using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Debts;
using Sanzi.Tests.Support;
using Shouldly;
using static Sanzi.Tests.Support.Reports;

namespace Sanzi.Tests.Reports;

/// <summary>Rebuilding deletes and refills every projection's documents, so nothing else may read them meanwhile.</summary>
[CollectionDefinition(nameof(Rebuild), DisableParallelization = true)]
public sealed class Rebuild;

/// <summary>
/// The projections are only a cache of the events: rebuilt from scratch after a full merger (with the
/// planted movements after the lock), every report of every unit and the reconciliation come out the same,
/// byte for byte, in JSON, CSV and Excel, and so do the public notice pages.
/// </summary>
[Collection(nameof(Rebuild))]
public class RebuildTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task Every_report_is_byte_for_byte_the_same_after_rebuilding_every_projection()
    {
        var m = await VillageMerger.Run(_api, async m =>
        {
            var exception = (await _api.Post($"/api/reforms/{m.ReformId}/exceptions", new
            {
                idempotencyKey = Sample.Key(), unitCode = m.West.Code, scope = "payment", maxAmount = 500m, approver = "县财政局局长",
                document = "财特批〔2026〕4号", reason = "支付公示印刷费",
            }, 201, "reform-office")).GetProperty("exceptionId").GetGuid();
            await m.West.Payment(m.WestBank, 500m, 200, exception);
        });
        var urls = new List<string> { $"/notices/{m.East.Code}", $"/notices/{m.West.Code}" };
        foreach (var format in new[] { "json", "csv", "xlsx" })
        {
            urls.Add($"/api/reforms/{m.ReformId}/reconciliation?format={format}");
            foreach (var code in new[] { m.East.Code, m.West.Code, m.Merged.Code })
                urls.AddRange(UnitReports.Where(r => r != "handover" || code != m.Merged.Code).Select(r => Unit(code, r, $"format={format}")));
        }

        var before = await Download(urls);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        // The reports read only the inline projections; the asynchronous one (audit rows and leads) belongs to the host's daemon.
        var projections = ((StoreOptions)store.Options).Projections.All.Where(p => p.Lifecycle == JasperFx.Events.Projections.ProjectionLifecycle.Inline).ToList();
        // From nothing: without the rebuild every report would now be empty or missing.
        foreach (var type in new[] { typeof(UnitBook), typeof(Reform), typeof(Item), typeof(CatalogRow), typeof(DebtLine) })
            await store.Advanced.Clean.DeleteDocumentsByTypeAsync(type, TestContext.Current.CancellationToken);
        using (var daemon = await store.BuildProjectionDaemonAsync())
            foreach (var projection in projections)
                await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        var after = await Download(urls);

        projections.Select(p => p.Name).ShouldBe(["UnitBook", "DivisionCodeAlias", "Reform", "Item", "CatalogRow", "DebtLine", "Counterparty", "LeadNotes", "StoredDocument"],
            ignoreOrder: true);
        foreach (var url in urls) after[url].ShouldBe(before[url], url);
        (await _api.Get($"/api/reforms/{m.ReformId}/reconciliation")).GetProperty("differences").GetArrayLength().ShouldBe(1);
    }

    private async Task<Dictionary<string, byte[]>> Download(IEnumerable<string> urls)
    {
        var bodies = new Dictionary<string, byte[]>();
        foreach (var url in urls) bodies[url] = (await _api.Download(url)).Body;
        return bodies;
    }
}
