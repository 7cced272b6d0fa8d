using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Mergers;

/// <summary>Two townships' state-asset books (国有资产) merge into a new township through the HTTP API.</summary>
public class TownshipMergerTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task Two_townships_state_assets_pass_whole_to_the_new_township()
    {
        var north = new Books(_api, Sample.TownshipCode());
        var south = new Books(_api, Sample.TownshipCode());
        var merged = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "北山乡、南湖乡撤并设立湖山镇", approvalDocument = "赣府字〔2026〕21号",
            approvedOn = "2026-11-01", plannedFreezeDate = "2026-11-30", noticeDays = 0,
            predecessors = new[] { new { code = north.Code, name = "北山乡" }, new { code = south.Code, name = "南湖乡" } },
            successors = new[] { new { code = merged.Code, name = "湖山镇" } },
        }, 201)).GetProperty("reformId").GetGuid();

        List<Guid> northItems =
        [
            await north.Asset("vehicle", "公务用车", 180_000m, 60_000m, "state"),
            await north.Asset("building", "乡政府办公楼", 2_400_000m, 600_000m, "state"),
            await north.Asset("officeEquipment", "办公家具一批", 85_000m, 40_000m, "state"),
            await north.Resource("publicService", 6.5m, "state"),
            await north.Account("bank", 1_250_000m, "state"),
        ];
        List<Guid> southItems =
        [
            await south.Asset("constructionInProgress", "便民服务中心(在建)", 900_000m, 0m, "state"),
            await south.Asset("vehicle", "执法车", 150_000m, 30_000m, "state"),
            await south.Account("bank", 640_000m, "state"),
        ];

        // Townships need no village meetings: the freeze goes straight through.
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200, "county-finance-bureau");
        foreach (var (books, items) in new[] { (north, northItems), (south, southItems) })
        {
            await books.DraftedAfterCounting([.. items]);
            await books.SignedByAll();
        }

        var opened = await merged.View();
        var received = opened.GetProperty("items").EnumerateArray().ToList();
        received.Select(i => i.GetProperty("id").GetGuid()).ShouldBe([.. northItems, .. southItems], ignoreOrder: true);
        received.ShouldAllBe(i => i.GetProperty("ownership").GetString() == "state");
        var totals = opened.GetProperty("totals").EnumerateArray()
            .ToDictionary(t => $"{t.GetProperty("kind").GetString()}/{t.GetProperty("category").GetString()}",
                t => t.GetProperty("verifiedValue").GetDecimal());
        totals.ShouldBe(new Dictionary<string, decimal>
        {
            ["asset/vehicle"] = 240_000m, ["asset/building"] = 1_800_000m, ["asset/officeEquipment"] = 45_000m,
            ["asset/constructionInProgress"] = 900_000m, ["resource/publicService"] = 0m, ["fund/bank"] = 1_890_000m,
        }, ignoreOrder: true);
        totals.Values.Sum().ShouldBe(4_875_000m);
        (await _api.Get($"/api/reforms/{reformId}")).GetProperty("units").EnumerateArray()
            .Where(u => u.GetProperty("code").GetString() != merged.Code)
            .ShouldAllBe(u => u.GetProperty("stage").GetString() == "closed");
    }
}
