using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Assets;

public class RegisterAssetTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    private static RegisterAsset Command(LocalDate? acquiredOn = null) =>
        new(Sample.Key(), null, Ownership.State, AssetCategory.Building, "村部办公楼", "砖混两层", 1, "栋", 450_000.00m, 90_000m,
            acquiredOn ?? new LocalDate(2012, 3, 1), "青山村一组", "张三", "赣(2012)房权证第1号", null, null);

    private static UnitBook OpenUnit(string code) => UnitBook.Create(new UnitRegistered(code, "青山镇", UnitLevel.Township, Sample.Stamp()));

    [Fact]
    public void An_open_unit_records_the_asset_with_the_actor_and_business_date()
    {
        var stamp = Sample.Stamp();
        var e = Command().Decide(OpenUnit("360702101"), Guid.NewGuid(), stamp);

        e.Category.ShouldBe(AssetCategory.Building);
        e.Ownership.ShouldBe(Ownership.State);
        e.NetValue.ShouldBe(360_000.00m);
        e.Stamp.ShouldBe(stamp);
        e.ItemCode.ShouldStartWith("ZC-");
    }

    [Fact]
    public void A_frozen_unit_refuses_a_new_asset()
    {
        var stamp = Sample.Stamp();
        var frozen = OpenUnit("360702101").Apply(new UnitFrozen("360702101", Guid.NewGuid(), stamp.RecordedAt - Duration.FromHours(1), stamp));

        var refusal = Should.Throw<Refused>(() => Command().Decide(frozen, Guid.NewGuid(), stamp));
        refusal.Kind.ShouldBe(RefusalKind.Conflict);
        refusal.Message.ShouldContain("frozen");
    }

    [Fact]
    public void A_freeze_planned_for_later_does_not_yet_refuse()
    {
        var stamp = Sample.Stamp();
        var planned = OpenUnit("360702101").Apply(new UnitFrozen("360702101", Guid.NewGuid(), stamp.RecordedAt + Duration.FromDays(1), stamp));

        Should.NotThrow(() => Command().Decide(planned, Guid.NewGuid(), stamp));
    }

    [Fact]
    public void An_acquisition_after_the_recording_date_is_refused()
    {
        var stamp = Sample.Stamp();
        var refusal = Should.Throw<Refused>(() =>
            Command(stamp.RecordedOn.PlusDays(3)).Decide(OpenUnit("360702101"), Guid.NewGuid(), stamp));
        refusal.Errors.Keys.ShouldBe(["acquiredOn"]);
    }

    [Fact]
    public void Shape_rules_name_every_offending_field()
    {
        var request = new RegisterAsset.Request("", null, ApiEnumConverter<Ownership>.Unknown, ApiEnumConverter<AssetCategory>.Unknown, null,
            null, 0, "辆", -1.5m, null, null, "", null, null, null);
        Should.Throw<Refused>(() => request.Validate()).Errors.Keys.ShouldBe(
            ["idempotencyKey", "ownership", "category", "name", "quantity", "originalValue", "acquiredOn", "location"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_recorded_asset_appears_in_the_units_catalog()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);

        var answer = await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(originalValue: 86_000.50m), 201);

        var catalog = await _api.Get($"/api/units/{code}/assets");
        catalog.GetProperty("count").GetInt32().ShouldBe(1);
        catalog.GetProperty("totalNetValue").GetDecimal().ShouldBe(86_000.50m);
        var item = catalog.GetProperty("items")[0];
        item.GetProperty("id").GetGuid().ShouldBe(answer.GetProperty("itemId").GetGuid());
        item.GetProperty("categoryName").GetString().ShouldBe("固定资产-车辆");
        item.GetProperty("status").GetString().ShouldBe("inUse");
    }

    [Fact]
    public async Task A_retry_with_the_same_key_writes_once_and_gets_the_same_answer()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        var key = Sample.Key();

        var first = await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(key), 201);
        var second = await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(key), 201);

        second.GetRawText().ShouldBe(first.GetRawText());
        (await _api.Get($"/api/units/{code}/assets")).GetProperty("count").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Reusing_a_key_for_different_content_is_a_conflict_and_writes_nothing()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        var key = Sample.Key();
        await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(key), 201);

        var problem = await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(key, originalValue: 1m), 409);

        problem.GetProperty("detail").GetString()!.ShouldContain("already used");
        (await _api.Get($"/api/units/{code}/assets")).GetProperty("totalNetValue").GetDecimal().ShouldBe(86_000m);
    }

    [Fact]
    public async Task Missing_fields_negative_values_and_unknown_categories_are_400s_naming_each_field()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);

        var problem = await _api.Post($"/api/units/{code}/assets",
            new { idempotencyKey = Sample.Key(), category = "spaceship", quantity = 1, measureUnit = "辆", originalValue = -5 }, 400);

        var errors = problem.GetProperty("errors");
        errors.GetProperty("category")[0].GetString()!.ShouldContain("must be one of");
        errors.GetProperty("originalValue")[0].GetString().ShouldBe("must not be negative");
        errors.GetProperty("name")[0].GetString().ShouldBe("is required");
        errors.GetProperty("acquiredOn")[0].GetString().ShouldBe("is required");
        (await _api.Get($"/api/units/{code}/assets")).GetProperty("count").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_malformed_division_code_is_a_400_naming_the_code()
    {
        var problem = await _api.Post("/api/units/36AB/assets", Sample.Vehicle(), 400);
        problem.GetProperty("errors").GetProperty("code")[0].GetString()!.ShouldContain("division code");
    }

    [Fact]
    public async Task An_unknown_unit_is_a_404()
    {
        await _api.Post($"/api/units/{Sample.TownshipCode()}/assets", Sample.Vehicle(), 404);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_that_says_where()
    {
        var problem = await _api.PostRaw($"/api/units/{Sample.TownshipCode()}/assets", "{\"idempotencyKey\": \"k\", \"originalValue\": \"lots\"}", 400);
        problem.GetProperty("detail").GetString()!.ShouldContain("$.originalValue");

        var nothing = await _api.PostRaw($"/api/units/{Sample.TownshipCode()}/assets", "null", 400);
        nothing.GetProperty("errors").GetProperty("body")[0].GetString().ShouldBe("must be a JSON object");
    }

    [Fact]
    public async Task A_write_without_an_actor_is_a_401()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(), 401, actor: null);
    }
}
