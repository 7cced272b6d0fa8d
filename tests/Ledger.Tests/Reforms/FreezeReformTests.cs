using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Reforms;

public class FreezeReformTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    private static Reform Declared(params string[] oldCodes) => Reform.Create(new ReformDeclared(Guid.NewGuid(), "撤并",
        "赣府字〔2026〕18号", new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30),
        oldCodes.Select(c => new Predecessor(c, "旧镇", "360702199")).ToList(), [new Successor("360702199", "新镇")],
        IntegrationMode.FullMerger, 7, Sample.Stamp()));

    [Fact]
    public void Freezing_a_declared_reform_freezes_each_old_unit_at_the_same_instant()
    {
        var reform = Declared("360702101", "360702102");
        var stamp = Sample.Stamp();

        var events = new FreezeReform(Sample.Key(), null, "临政发〔2026〕40号", null).Decide(reform, stamp);

        events.Select(e => e.Event).OfType<UnitFrozen>().Select(u => u.Code).ShouldBe(["360702101", "360702102"]);
        events.Select(e => e.Event).OfType<UnitFrozen>().ShouldAllBe(u => u.FrozenAt == stamp.RecordedAt);
        events[0].Event.ShouldBeOfType<ReformFrozen>().Document.ShouldBe("临政发〔2026〕40号");
    }

    [Fact]
    public void A_village_merger_freezes_only_after_the_four_meetings_of_each_old_village()
    {
        var reform = Declared("360702101201");
        var stamp = Sample.Stamp();
        Should.Throw<Refused>(() => new FreezeReform(Sample.Key(), null, "x", null).Decide(reform, stamp))
            .Message.ShouldContain("360702101201 villagers");

        foreach (var meeting in Enum.GetValues<Meeting>())
            reform = reform.Apply(new ResolutionRecorded(reform.Id, "360702101201", meeting, new LocalDate(2026, 11, 10), "决议", stamp));
        Should.NotThrow(() => new FreezeReform(Sample.Key(), null, "x", null).Decide(reform, stamp));
    }

    [Fact]
    public void A_reform_cannot_be_frozen_twice()
    {
        var stamp = Sample.Stamp();
        var reform = Declared("360702101").Apply(new ReformFrozen(Guid.NewGuid(), stamp.RecordedAt, "x", stamp));

        Should.Throw<Refused>(() => new FreezeReform(Sample.Key(), null, "y", null).Decide(reform, stamp))
            .Kind.ShouldBe(RefusalKind.Conflict);
    }

    [Fact]
    public void A_freeze_cannot_reach_back_into_the_past()
    {
        var stamp = Sample.Stamp();
        var reform = Declared("360702101");

        Should.Throw<Refused>(() =>
                new FreezeReform(Sample.Key(), stamp.RecordedAt - Duration.FromDays(1), "x", null).Decide(reform, stamp))
            .Errors.Keys.ShouldBe(["freezeAt"]);
    }

    [Fact]
    public async Task After_the_freeze_new_assets_and_disposals_are_refused_and_the_catalog_is_unchanged()
    {
        var code = Sample.TownshipCode();
        var reform = await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        var asset = await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(), 201);
        var reformId = reform.GetProperty("reformId").GetGuid();

        var freeze = await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200, actor: "reform-office");
        freeze.GetProperty("frozenUnits")[0].GetString().ShouldBe(code);

        var refusal = await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(), 409);
        refusal.GetProperty("detail").GetString()!.ShouldContain("frozen");
        await _api.Post($"/api/assets/{asset.GetProperty("itemId").GetGuid()}/disposal",
            new { idempotencyKey = Sample.Key(), method = "sale", proceeds = 20_000, resolutionReference = "党委会〔2026〕12号", reason = "老旧" },
            409);

        var catalog = await _api.Get($"/api/units/{code}/assets");
        catalog.GetProperty("count").GetInt32().ShouldBe(1);
        catalog.GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("inUse");
    }

    [Fact]
    public async Task Two_simultaneous_freezes_one_wins_and_the_other_gets_409()
    {
        var code = Sample.TownshipCode();
        var reform = await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        var url = $"/api/reforms/{reform.GetProperty("reformId").GetGuid()}/freeze";

        var statuses = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try { await _api.Post(url, Sample.Freeze(), 200); return 200; }
            catch (Exception e) when (e.Message.Contains("409")) { return 409; }
        }));

        statuses.Order().ShouldBe([200, 409]);
    }
}
