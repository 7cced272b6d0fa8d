using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Assets;

public class DisposeAssetTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    private static DisposeAsset Command() => new(Sample.Key(), "scrap", 0m, "村民代表会议决议〔2026〕3号", "报废", null, null, null, null);

    [Fact]
    public void An_asset_can_be_disposed_of_only_once()
    {
        var stamp = Sample.Stamp();
        var unit = UnitBook.Create(new UnitRegistered("360702101", "青山镇", Ledger.Common.UnitLevel.Township, stamp));
        var asset = Item.Create(new AssetRegistered(Guid.NewGuid(), "360702101", "ZC-1", Ownership.Collective, AssetCategory.Machinery,
            "抽水机", null, 1, "台", 1000m, 0m, new NodaTime.LocalDate(2020, 1, 1), "泵站", null, null, stamp));

        var disposed = Command().Decide(unit, asset, null, stamp);
        disposed.ResolutionReference.ShouldBe("村民代表会议决议〔2026〕3号");

        Should.Throw<Refused>(() => Command().Decide(unit, asset.Apply(disposed), null, stamp)).Kind.ShouldBe(RefusalKind.Conflict);
    }

    [Fact]
    public async Task Two_simultaneous_disposals_of_one_asset_one_wins_and_the_other_gets_409_with_nothing_lost()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        var assetId = (await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(), 201)).GetProperty("itemId").GetGuid();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            try
            {
                await _api.Post($"/api/assets/{assetId}/disposal",
                    new { idempotencyKey = Sample.Key(), method = "sale", proceeds = 1000 + i, resolutionReference = "村民代表会议决议〔2026〕8号", reason = "出售" }, 200);
                return 200;
            }
            catch (Exception e) when (e.Message.Contains("409")) { return 409; }
        }));

        statuses.Order().ShouldBe([200, 409]);
        var item = (await _api.Get($"/api/units/{code}/assets")).GetProperty("items")[0];
        item.GetProperty("status").GetString().ShouldBe("disposed");
    }
}
