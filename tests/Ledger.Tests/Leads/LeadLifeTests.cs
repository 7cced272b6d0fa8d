using System.Text.Json;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Leads;

/// <summary>How stored leads come and go: judged on whole commits only, withdrawn when they stop holding, annotated by inspectors.</summary>
public class LeadLifeTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    /// <summary>More items than the daemon's batch in the tests (Leads:BatchSize), so the signature's commit spans batches.</summary>
    private const int Items = 130;

    [Fact]
    public async Task A_handover_larger_than_the_daemons_batch_raises_no_lead_at_any_moment()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "撤并", approvalDocument = "赣府字〔2026〕32号", approvedOn = "2026-11-01",
            plannedFreezeDate = "2026-11-30", noticeDays = 0,
            predecessors = new[] { new { code = books.Code, name = "旧乡" } }, successors = new[] { new { code = Sample.TownshipCode(), name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        var items = new List<Guid>();
        // The township government's own desks (国有资产): a notice of 0 days is allowed for state assets only.
        for (var i = 0; i < Items; i++) items.Add(await books.Asset("officeEquipment", $"办公桌{i + 1}", 800m, ownership: "state"));
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        await books.DraftedAfterCounting([.. items]);

        (await books.SignedByAll()).GetProperty("itemsTransferred").GetInt32().ShouldBe(Items);

        await _api.CaughtUp();
        Rules(await _api.Get($"/api/leads?reform={reformId}")).ShouldBeEmpty();
        // Not even for a moment: a lead stored from half the commit would now be listed as withdrawn.
        Rules(await _api.Get($"/api/leads?reform={reformId}&withdrawn=true")).ShouldBeEmpty();
    }

    private static List<string> Rules(JsonElement leads) => leads.EnumerateArray().Select(l => l.GetProperty("rule").GetString()!).ToList();
}
