using System.Text.Json;
using Marten;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Handovers;

/// <summary>A township of state office furniture merged into a new one and handed over by all three parties.</summary>
public sealed record HandedOverUnit(Books Books, string Successor, IReadOnlyList<Guid> Items)
{
    public static async Task<HandedOverUnit> SignAsync(LedgerApi api, int count, string furniture)
    {
        var unit = await DraftAsync(api, count, furniture);
        (await unit.Books.SignedByAll()).GetProperty("itemsTransferred").GetInt32().ShouldBe(count);
        return unit;
    }

    /// <summary>The unit counted and its handover register drawn up, not yet signed.</summary>
    public static async Task<HandedOverUnit> DraftAsync(LedgerApi api, int count, string furniture)
    {
        var books = new Books(api, Sample.TownshipCode());
        var successor = Sample.TownshipCode();
        var reformId = (await api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "撤并", approvalDocument = "赣府字〔2026〕34号", approvedOn = "2026-11-01",
            plannedFreezeDate = "2026-11-30", noticeDays = 0,
            predecessors = new[] { new { code = books.Code, name = "旧乡" } }, successors = new[] { new { code = successor, name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        var items = new List<Guid>();
        for (var i = 0; i < count; i++) items.Add(await books.Asset("officeEquipment", $"{furniture}{i + 1}", 600m + i, ownership: "state"));
        await api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        await books.DraftedAfterCounting([.. items]);
        return new HandedOverUnit(books, successor, items);
    }

    /// <summary>The summary totals, kept set-based by the bulk path, give both units the summary that folding every catalog row gives.</summary>
    public async Task SummariesAsFoldedAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        foreach (var code in new[] { Books.Code, Successor })
        {
            var kept = await SummaryReport.LoadAsync(session, code, ReportTime.Now, null, CancellationToken.None);
            JsonSerializer.Serialize(kept).ShouldBe(
                JsonSerializer.Serialize(SummaryReport.Build(await UnitRecords.LoadAsync(session, code, ReportTime.Now, CancellationToken.None))), code);
            kept.Lines.Single(l => l.Item == "资产总计").Count.ShouldBe(Items.Count, code);
        }
    }
}
