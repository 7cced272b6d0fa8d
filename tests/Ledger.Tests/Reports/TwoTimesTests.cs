using System.Text.Json;
using NodaTime;
using Sanzi.Tests.Support;
using Shouldly;
using static Sanzi.Tests.Support.Reports;

namespace Sanzi.Tests.Reports;

/// <summary>
/// The ledger's two times: a merger entered a month after the fact from paper books tells the same story, on its
/// business freeze day, as one recorded live; what the ledger knew before the entry is nothing; and every report
/// names both times.
/// </summary>
public class TwoTimesTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task A_merger_entered_after_the_fact_shows_on_its_freeze_day_the_figures_of_one_recorded_live()
    {
        var late = await VillageMerger.Run(_api);
        var live = await VillageMerger.Frozen(_api, afterTheFact: false);
        var freezeDay = $"asOf={Sample.Iso(late.FreezeDay)}";

        foreach (var (lateUnit, liveUnit) in new[] { (late.East.Code, live.East.Code), (late.West.Code, live.West.Code) })
        {
            var lateCatalog = await _api.Get(Unit(lateUnit, "catalog", freezeDay));
            lateCatalog.Str("asOf").ShouldBe(Sample.Iso(late.FreezeDay));
            Figures(lateCatalog).ShouldBe(Figures(await _api.Get(Unit(liveUnit, "catalog", "asOf=" + Iso(live.FrozenAt)))));
            Figures(lateCatalog).ShouldBe(Figures(await _api.Get(Unit(liveUnit, "catalog"))), "the live merger is at its freeze now");
            var lateSummary = await _api.Get(Unit(lateUnit, "summary", freezeDay));
            var liveSummary = await _api.Get(Unit(liveUnit, "summary", "asOf=" + Iso(live.FrozenAt)));
            lateSummary.GetProperty("lines").GetRawText().ShouldBe(liveSummary.GetProperty("lines").GetRawText());
            lateSummary.GetProperty("land").GetRawText().ShouldBe(liveSummary.GetProperty("land").GetRawText());
        }

        // On the freeze day the office stood at its book value; the count (two days later) and the upheld objection moved it.
        Values(await _api.Get(Unit(late.East.Code, "summary", freezeDay)), "资产", "固定资产-房屋建筑物").ShouldBe((360_000m, 360_000m));
        Values(await _api.Get(Unit(late.East.Code, "summary", $"asOf={Sample.Iso(late.FreezeDay.PlusDays(3))}")), "资产", "固定资产-房屋建筑物")
            .ShouldBe((360_000m, 350_000m));

        // Recording time: before the entry the ledger knew nothing of these books; asked as known now, the freeze day is the same.
        var before = "knownAt=" + Iso(late.EnteredFrom - Duration.FromSeconds(1));
        (await _api.Get(Unit(late.East.Code, "catalog", before), 404)).Str("detail")!.ShouldContain("not yet in the ledger");
        (await _api.Get(Unit(late.East.Code, "summary", $"{freezeDay}&{before}"), 404)).Str("detail")!.ShouldContain("not yet in the ledger");
        var both = await _api.Get(Unit(late.East.Code, "catalog", $"{freezeDay}&knownAt={Iso(late.CompletedAt)}"));
        (both.Str("asOf"), both.Str("knownAt")).ShouldBe((Sample.Iso(late.FreezeDay), Iso(late.CompletedAt)));
        Figures(both).ShouldBe(Figures(await _api.Get(Unit(late.East.Code, "catalog", freezeDay))));
        (await _api.Get($"/api/reforms/{late.ReformId}/reconciliation?{before}", 404)).Str("detail")!.ShouldContain("not in the ledger");
        (await _api.Get(Unit(late.East.Code, "catalog", "asOf=tomorrow"), 400)).GetProperty("errors").TryGetProperty("asOf", out _).ShouldBeTrue();
        (await _api.Get(Unit(late.East.Code, "catalog", "knownAt=2026-13-01"), 400)).GetProperty("errors").TryGetProperty("knownAt", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Only_a_reform_declared_after_the_fact_freezes_in_the_past_and_its_steps_follow_each_other()
    {
        var day = Sample.PastFreezeDay();
        var liveBooks = new Books(_api, Sample.TownshipCode());
        var live = (await _api.Post("/api/reforms", Sample.Reform(liveBooks.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        (await _api.Post($"/api/reforms/{live}/freeze", Sample.Freeze(day), 400)).GetProperty("errors").GetProperty("freezeAt")[0].GetString()!
            .ShouldContain("afterTheFact");

        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "补录撤并", approvalDocument = "赣府字〔2026〕33号", approvedOn = Sample.Iso(day.PlusDays(-20)),
            plannedFreezeDate = Sample.Iso(day), afterTheFact = Sample.AfterTheFact(),
            predecessors = new[] { new { code = books.Code, name = "旧乡" } }, successors = new[] { new { code = Sample.TownshipCode(), name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        books.On = day.PlusDays(-3);
        var account = await books.Account("bank", 10_000m);
        var future = Sample.PastFreezeDay().PlusDays(32); // two days ahead: still in the future however long the test runs around midnight
        (await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(future), 400)).GetProperty("errors").TryGetProperty("freezeAt", out _).ShouldBeTrue();
        (await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(day.PlusDays(-25)), 400)).GetProperty("errors").GetProperty("freezeAt")[0]
            .GetString()!.ShouldContain("before");
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(day), 200);

        // The unit rules are judged at the entry's business time: a payment dated the freeze day is frozen, one the day before is not
        // (and needs no correction reason, the whole reform being marked as entered after the fact).
        await books.Payment(account, 100m, 409, businessDate: Sample.Iso(day));
        await books.Payment(account, 100m, 200, businessDate: Sample.Iso(day.PlusDays(-1)));

        // A step may not be dated before the step it follows: a lock dated before the freeze finds no freeze, a count before the lock is refused.
        books.On = day.PlusDays(-1);
        (await books.LockDebts(409)).Str("detail")!.ShouldContain("the freeze");
        books.On = day.PlusDays(2);
        await books.LockDebts();
        books.On = day.PlusDays(1);
        (await books.Count(account, status: 400)).GetProperty("errors").TryGetProperty("businessDate", out _).ShouldBeTrue();
        books.On = day.PlusDays(3);
        await books.Count(account);
        await books.CloseInventory();
        var view = await books.View();
        view.GetProperty("unit").GetProperty("afterTheFact").GetProperty("reason").GetString().ShouldBe("纸质账簿补录");
    }

    [Fact]
    public async Task The_notice_runs_seven_full_days_from_the_inventory_close_and_the_members_confirm_on_day_eight()
    {
        var day = Sample.PastFreezeDay();
        var books = new Books(_api, Sample.VillageCode());
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "补录合村", approvalDocument = "临政复〔2026〕9号", approvedOn = Sample.Iso(day.PlusDays(-20)),
            plannedFreezeDate = Sample.Iso(day), noticeDays = 0, afterTheFact = Sample.AfterTheFact(),
            predecessors = new[] { new { code = books.Code, name = "南村" } }, successors = new[] { new { code = Sample.VillageCode(), name = "新村" } },
        }, 201)).GetProperty("reformId").GetGuid();
        books.On = day.PlusDays(-3);
        var account = await books.Account("bank", 10_000m);
        foreach (var meeting in new[] { "jointCommittees", "partyMembers", "villagerRepresentatives", "villagers" })
            await _api.Post($"/api/reforms/{reformId}/resolutions",
                new { idempotencyKey = Sample.Key(), unitCode = books.Code, meeting, heldOn = Sample.Iso(day.PlusDays(-2)), document = "决议" }, 200);
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(day), 200);
        books.On = day.PlusDays(1);
        await books.LockDebts();
        await books.Count(account);
        books.On = day.PlusDays(2);
        await books.CloseInventory();

        books.On = day.PlusDays(1);
        (await books.PublishNotice(400)).GetProperty("errors").GetProperty("businessDate")[0].GetString()!.ShouldContain("inventory's close");
        books.On = day.PlusDays(2);
        var notice = await books.PublishNotice();
        // The reform said 0 days; collective assets are noticed for the county's floor of 7, both ends included.
        (notice.Str("from"), notice.Str("until")).ShouldBe((Sample.Iso(day.PlusDays(2)), Sample.Iso(day.PlusDays(8))));
        books.On = day.PlusDays(8);
        (await books.Confirm(409)).Str("detail")!.ShouldContain($"may confirm from {Sample.Iso(day.PlusDays(9))}");
        books.On = day.PlusDays(9);
        await books.Confirm();

        var page = System.Text.Encoding.UTF8.GetString((await _api.Download($"/notices/{books.Code}")).Body);
        page.ShouldContain($"公示期：{Chinese(day.PlusDays(2))}至{Chinese(day.PlusDays(8))}，共7天");
    }

    [Fact]
    public async Task Every_printed_total_is_the_sum_of_its_items_and_the_handover_keeps_assets_and_liabilities_apart()
    {
        var m = await VillageMerger.Run(_api);
        var handover = await _api.Get(Unit(m.East.Code, "handover"));
        var items = handover.GetProperty("items").EnumerateArray().ToList();
        var assets = items.Where(i => i.Str("kind") != "liability").Sum(i => i.Dec("value"));
        var liabilities = items.Where(i => i.Str("kind") == "liability").Sum(i => i.Dec("value"));
        (handover.Dec("assetsTotal"), handover.Dec("liabilitiesTotal"), handover.Dec("netValue")).ShouldBe((assets, liabilities, assets - liabilities));
        (assets, liabilities).ShouldBe((513_800m, 50_000m));
        var csv = System.Text.Encoding.UTF8.GetString((await _api.Download(Unit(m.East.Code, "handover", "format=csv"))).Body);
        csv.ShouldContain("资产合计,513800.00");
        csv.ShouldContain("负债合计,50000.00");
        csv.ShouldContain("净资产,463800.00");
        csv.ShouldContain($"移交日期,{Chinese(m.FreezeDay.PlusDays(5 + Sample.NoticeDays))}");

        foreach (var code in new[] { m.East.Code, m.West.Code })
        {
            var catalog = (await _api.Get(Unit(code, "catalog"))).GetProperty("items").EnumerateArray().Where(i => i.Str("status") != "disposed").ToList();
            var summary = await _api.Get(Unit(code, "summary"));
            decimal Sum(params string[] kinds) => catalog.Where(i => kinds.Contains(i.Str("kind"))).Sum(i => i.Dec("verifiedValue"));
            Values(summary, "货币资金", "货币资金合计").Verified.ShouldBe(Sum("fund"));
            Values(summary, "债权", "债权合计").Verified.ShouldBe(Sum("claim"));
            Values(summary, "债务", "债务合计").Verified.ShouldBe(Sum("liability"));
            Values(summary, "资产负债", "资产总计").Verified.ShouldBe(Sum("fund", "claim", "asset"));
            Values(summary, "资产负债", "净资产").Verified.ShouldBe(Sum("fund", "claim", "asset") - Sum("liability"));
            var land = summary.GetProperty("land").EnumerateArray().ToList();
            land.Sum(l => l.Dec("verifiedArea")).ShouldBe(catalog.Where(i => i.Str("kind") == "resource").Sum(i => i.Dec("quantity")));

            foreach (var c in (await _api.Get(Unit(code, "debts"))).GetProperty("counterparties").EnumerateArray())
                c.Dec("currentBalance").ShouldBe(c.GetProperty("lines").EnumerateArray().Sum(l => l.Dec("currentBalance")));

            // The reconciliation's per-category figures: the old unit's verified items against the rows of its handover register.
            var checks = (await _api.Get($"/api/reforms/{m.ReformId}/reconciliation")).GetProperty("oldUnits").EnumerateArray()
                .Where(c => c.Str("unitCode") == code).ToList();
            var handed = (await _api.Get(Unit(code, "handover"))).GetProperty("items").EnumerateArray().ToList();
            checks.Select(c => (c.Str("categoryName"), c.Dec("expected"), c.Dec("actual"))).ShouldBe(
                catalog.GroupBy(i => i.Str("categoryName")).Select(g => (g.Key, g.Sum(i => i.Dec("verifiedValue")),
                    handed.Where(h => h.Str("categoryName") == g.Key).Sum(h => h.Dec("value")))), ignoreOrder: true);
        }
    }

    [Fact]
    public async Task Land_is_reconciled_by_area_per_land_type_and_dates_in_Chinese_reports_are_Chinese()
    {
        var m = await VillageMerger.Run(_api);
        var summary = await _api.Get(Unit(m.East.Code, "summary"));
        var cropland = summary.GetProperty("land").EnumerateArray().Single();
        (cropland.Str("landType"), cropland.GetProperty("parcels").GetInt32(), cropland.Dec("bookArea"), cropland.Dec("verifiedArea"))
            .ShouldBe(("cropland", 1, 120m, 120m));
        var handoverLand = (await _api.Get(Unit(m.West.Code, "handover"))).GetProperty("land").EnumerateArray().Single();
        (handoverLand.Str("landType"), handoverLand.Dec("verifiedArea")).ShouldBe(("forest", 300m));

        var reconciliation = await _api.Get($"/api/reforms/{m.ReformId}/reconciliation");
        var land = reconciliation.GetProperty("oldUnits").EnumerateArray().Concat(reconciliation.GetProperty("newUnits").EnumerateArray())
            .Where(c => c.Str("kind") == "resource").ToList();
        land.Select(c => (c.Str("category"), c.Dec("expectedArea"), c.Dec("actualArea"), c.Dec("areaDifference"))).ShouldBe(
        [
            ("cropland", 120m, 120m, 0m), ("forest", 300m, 300m, 0m), ("cropland", 120m, 120m, 0m), ("forest", 300m, 300m, 0m),
        ], ignoreOrder: true);
        reconciliation.GetProperty("reconciled").GetBoolean().ShouldBeTrue();

        var debts = System.Text.Encoding.UTF8.GetString((await _api.Download(Unit(m.East.Code, "debts", "format=csv"))).Body);
        debts.ShouldContain(Chinese(m.FreezeDay.PlusDays(1)));
        debts.ShouldNotContain(Sample.Iso(m.FreezeDay.PlusDays(1)));
        (await _api.Get(Unit(m.East.Code, "debts"))).Str("lockedAsOf").ShouldBe(Sample.Iso(m.FreezeDay.PlusDays(1)));
    }

    /// <summary>What a catalog shows of each item, without its ids and codes (two mergers have different ones).</summary>
    private static List<string> Figures(JsonElement catalog) =>
        catalog.GetProperty("items").EnumerateArray()
            .Select(i => $"{i.Str("kind")} {i.Str("category")} {i.Str("name")} {i.Str("status")} {i.Dec("quantity")} {i.Dec("netValue")} {i.Dec("verifiedValue")}")
            .Order(StringComparer.Ordinal).ToList();
}
