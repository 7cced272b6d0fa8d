using System.Text.Json;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Mergers;

/// <summary>
/// Two villages with funds, assets, resources, claims and debts merge into one new village, through the
/// HTTP API from declaration to the signed handover; the new village's opening books must equal the
/// old ones' verified books, item by item and in total.
/// </summary>
public class VillageMergerTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task Two_villages_merge_into_one_and_the_new_books_open_with_exactly_the_verified_books()
    {
        var east = new Books(_api, Sample.VillageCode());
        var west = new Books(_api, Sample.VillageCode());
        var merged = new Books(_api, Sample.VillageCode());
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "东村、西村合并为和平村", approvalDocument = "临政复〔2026〕7号",
            approvedOn = "2026-11-01", plannedFreezeDate = "2026-11-30", mode = "fullMerger", noticeDays = 0,
            predecessors = new[] { new { code = east.Code, name = "东村" }, new { code = west.Code, name = "西村" } },
            successors = new[] { new { code = merged.Code, name = "和平村" } },
        }, 201)).GetProperty("reformId").GetGuid();

        // The books before the freeze.
        var eastCash = await east.Account("cash", 5_000m);
        var eastBank = await east.Account("bank", 120_000m);
        var eastOffice = await east.Asset("building", "村部办公楼", 450_000m, 90_000m);
        var eastPump = await east.Asset("machinery", "抽水机组", 30_000m);
        var eastLand = await east.Resource("cropland", 120m);
        var eastClaim = await east.Debt("claim", "receivable", "个体户陈某", 8_000m, "individual");
        var eastLoan = await east.Debt("liability", "loan", "县农商银行", 50_000m);
        await east.Payment(eastCash, 1_200m);
        await east.Receipt(eastBank, 30_000m);
        await _api.Post($"/api/debts/{eastClaim}/reductions", new { idempotencyKey = Sample.Key(), amount = 3_000m, how = "collection", document = "收-12" }, 200);

        var westBank = await west.Account("bank", 80_000m);
        var westOffice = await west.Asset("building", "西村活动中心", 200_000m, 50_000m);
        var westForest = await west.Resource("forest", 300m);
        var westPayable = await west.Debt("liability", "payable", "县建筑公司", 12_000m);

        // The four meetings of each old village, then the freeze.
        foreach (var village in new[] { east, west })
        foreach (var meeting in new[] { "jointCommittees", "partyMembers", "villagerRepresentatives", "villagers" })
            await _api.Post($"/api/reforms/{reformId}/resolutions",
                new { idempotencyKey = Sample.Key(), unitCode = village.Code, meeting, heldOn = "2026-11-10", document = $"{meeting}决议" }, 200);
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200, "reform-office");

        // Debt lock and inventory: a shortage in the east, a surplus in the west, one adjusted value.
        await east.LockDebts();
        await west.LockDebts();
        foreach (var item in new[] { eastCash, eastBank, eastLand, eastClaim, eastLoan }) await east.Count(item);
        await east.Count(eastOffice, "adjusted", 350_000m, "评估减值: 屋面漏水");
        await east.Count(eastPump, "missing", reason: "盘点未见实物");
        foreach (var item in new[] { westBank, westOffice, westForest, westPayable }) await west.Count(item);
        var tractor = await west.Enter("inventory/surplus", new
        {
            idempotencyKey = Sample.Key(), category = "machinery", name = "拖拉机", quantity = 1, measureUnit = "台", verifiedValue = 12_000m,
            location = "西村农机棚", reason = "2019 年购置未入账",
        });
        var eastInventory = await east.CloseInventory();
        eastInventory.GetProperty("missingItems").GetInt32().ShouldBe(1);
        eastInventory.GetProperty("missingValue").GetDecimal().ShouldBe(30_000m);
        (await west.CloseInventory()).GetProperty("surplusValue").GetDecimal().ShouldBe(12_000m);

        // Notice with one objection, upheld with a correcting entry; then the members confirm.
        await east.PublishNotice();
        await west.PublishNotice();
        var objection = await _api.Post($"/api/units/{east.Code}/objections",
            new { idempotencyKey = Sample.Key(), raisedBy = "村民代表刘某", itemId = eastOffice, text = "办公楼评估价偏低" }, 201);
        var resolution = new { idempotencyKey = Sample.Key(), outcome = "upheld", reason = "复核后按 355,000 元确认", correctedValue = 355_000m };
        var resolutionUrl = $"/api/units/{east.Code}/objections/{objection.GetProperty("objectionId").GetGuid()}/resolution";
        var resolved = await _api.Post(resolutionUrl, resolution, 200);
        (await _api.Post(resolutionUrl, resolution, 200)).GetRawText().ShouldBe(resolved.GetRawText());
        await east.Confirm();
        await west.Confirm();

        // Handover, signed by the three parties.
        await east.DraftHandover();
        await west.DraftHandover();
        (await east.SignedByAll()).GetProperty("itemsTransferred").GetInt32().ShouldBe(6);
        var last = await west.SignedByAll();
        last.GetProperty("itemsTransferred").GetInt32().ShouldBe(5);
        last.GetProperty("reformCompleted").GetBoolean().ShouldBeTrue();

        // The new village's opening books, by hand: every held item once, at its verified value.
        var opened = await merged.View();
        var items = opened.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetGuid()).ShouldBe(
            [eastCash, eastBank, eastOffice, eastLand, eastClaim, eastLoan, westBank, westOffice, westForest, westPayable, tractor],
            ignoreOrder: true);
        Value(items, eastCash).ShouldBe(3_800m);
        Value(items, eastBank).ShouldBe(150_000m);
        Value(items, eastOffice).ShouldBe(355_000m);
        Value(items, eastClaim).ShouldBe(5_000m);
        Value(items, tractor).ShouldBe(12_000m);
        items.ShouldAllBe(i => i.GetProperty("entityCode").GetString() == merged.Code);

        var expected = new Dictionary<string, decimal>
        {
            ["fund/cash"] = 3_800m, ["fund/bank"] = 230_000m, ["asset/building"] = 505_000m, ["asset/machinery"] = 12_000m,
            ["resource/cropland"] = 0m, ["resource/forest"] = 0m, ["claim/receivable"] = 5_000m, ["liability/loan"] = 50_000m,
            ["liability/payable"] = 12_000m,
        };
        Totals(opened).ShouldBe(expected, ignoreOrder: true);
        Quantity(opened, "resource/cropland").ShouldBe(120m);
        Quantity(opened, "resource/forest").ShouldBe(300m);

        // Conservation: what the old units handed over is what the new one received, per category and in total.
        var handedOver = new Dictionary<string, decimal>();
        foreach (var old in new[] { east, west })
        foreach (var t in (await old.View()).GetProperty("unit").GetProperty("handover").GetProperty("totals").EnumerateArray())
            handedOver[Key(t)] = handedOver.GetValueOrDefault(Key(t)) + t.GetProperty("verifiedValue").GetDecimal();
        handedOver.ShouldBe(expected, ignoreOrder: true);

        // The old books are closed for good; the missing pump stays behind as a shortage.
        (await east.View()).GetProperty("stage").GetString().ShouldBe("closed");
        (await _api.Get($"/api/items/{eastPump}")).GetProperty("unitCode").GetString().ShouldBe(east.Code);
        await east.Asset("vehicle", "新车", 1m).ShouldThrowAsync<Exception>();
        (await _api.Get($"/api/reforms/{reformId}")).GetProperty("reform").GetProperty("completed").GetBoolean().ShouldBeTrue();
    }

    private static decimal Value(List<JsonElement> items, Guid id) =>
        items.Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("value").GetDecimal();

    private static string Key(JsonElement total) => $"{total.GetProperty("kind").GetString()}/{total.GetProperty("category").GetString()}";

    private static Dictionary<string, decimal> Totals(JsonElement view) =>
        view.GetProperty("totals").EnumerateArray().ToDictionary(Key, t => t.GetProperty("verifiedValue").GetDecimal());

    private static decimal Quantity(JsonElement view, string key) =>
        view.GetProperty("totals").EnumerateArray().Single(t => Key(t) == key).GetProperty("quantity").GetDecimal();
}
