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
        var m = await VillageMerger.Run(_api);
        var (east, west, merged) = (m.East, m.West, m.Merged);
        m.EastInventory.GetProperty("missingItems").GetInt32().ShouldBe(1);
        m.EastInventory.GetProperty("missingValue").GetDecimal().ShouldBe(30_000m);
        m.WestInventory.GetProperty("surplusValue").GetDecimal().ShouldBe(12_000m);
        m.EastSignature.GetProperty("itemsTransferred").GetInt32().ShouldBe(6);
        m.LastSignature.GetProperty("itemsTransferred").GetInt32().ShouldBe(5);
        m.LastSignature.GetProperty("reformCompleted").GetBoolean().ShouldBeTrue();

        // The new village's opening books, by hand: every held item once, at its verified value.
        var opened = await merged.View();
        var items = opened.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetGuid()).ShouldBe(
            [m.EastCash, m.EastBank, m.EastOffice, m.EastLand, m.EastClaim, m.EastLoan, m.WestBank, m.WestOffice, m.WestForest, m.WestPayable, m.Tractor],
            ignoreOrder: true);
        Value(items, m.EastCash).ShouldBe(3_800m);
        Value(items, m.EastBank).ShouldBe(150_000m);
        Value(items, m.EastOffice).ShouldBe(355_000m);
        Value(items, m.EastClaim).ShouldBe(5_000m);
        Value(items, m.Tractor).ShouldBe(12_000m);
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
        (await _api.Get($"/api/items/{m.EastPump}")).GetProperty("unitCode").GetString().ShouldBe(east.Code);
        await east.Asset("vehicle", "新车", 1m).ShouldThrowAsync<Exception>();
        (await _api.Get($"/api/reforms/{m.ReformId}")).GetProperty("reform").GetProperty("completed").GetBoolean().ShouldBeTrue();
    }

    private static decimal Value(List<JsonElement> items, Guid id) =>
        items.Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("value").GetDecimal();

    private static string Key(JsonElement total) => $"{total.GetProperty("kind").GetString()}/{total.GetProperty("category").GetString()}";

    private static Dictionary<string, decimal> Totals(JsonElement view) =>
        view.GetProperty("totals").EnumerateArray().ToDictionary(Key, t => t.GetProperty("verifiedValue").GetDecimal());

    private static decimal Quantity(JsonElement view, string key) =>
        view.GetProperty("totals").EnumerateArray().Single(t => Key(t) == key).GetProperty("quantity").GetDecimal();
}
