using NodaTime;
using Sanzi.Tests.Support;
using Shouldly;
using static Sanzi.Tests.Support.Reports;

namespace Sanzi.Tests.Reports;

/// <summary>
/// Reports as of a past business instant, folded from the events that had happened by then: what an auditor sees
/// for the freeze day of a merger entered after the fact, and, as of now, exactly what the projections show.
/// </summary>
public class AsOfTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task As_of_the_freeze_the_reports_show_the_books_before_count_lock_and_handover()
    {
        var m = await VillageMerger.Run(_api);
        var at = "asOf=" + Iso(m.FrozenAt);

        var east = await _api.Get(Unit(m.East.Code, "catalog", at));
        east.Str("asOf").ShouldBe(Iso(m.FrozenAt));
        east.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("itemId").GetGuid(), i.Str("status"), i.Dec("verifiedValue"))).ShouldBe(
        [
            (m.EastCash, "inUse", 3_800m), (m.EastBank, "inUse", 150_000m), (m.EastOffice, "inUse", 360_000m), (m.EastPump, "inUse", 30_000m),
            (m.EastLand, "inUse", 0m), (m.EastClaim, "inUse", 5_000m), (m.EastLoan, "inUse", 50_000m),
        ], ignoreOrder: true);
        (await _api.Get(Unit(m.Merged.Code, "catalog", at))).GetProperty("items").GetArrayLength().ShouldBe(0);

        var summary = await _api.Get(Unit(m.East.Code, "summary", at));
        Values(summary, "资产负债", "资产总计").ShouldBe((548_800m, 548_800m));
        Values(summary, "盘盈盘亏", "盘亏").ShouldBe((0m, 0m));

        var debts = await _api.Get(Unit(m.East.Code, "debts", at));
        debts.GetProperty("lockedAsOf").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var chen = Counterparty(debts, "个体户陈某");
        (chen.GetProperty("lockedBalance").ValueKind, chen.Dec("currentBalance")).ShouldBe((System.Text.Json.JsonValueKind.Null, 5_000m));

        (await _api.Get(Unit(m.East.Code, "handover", at), 404)).Str("detail")!.ShouldContain("no handover register");
        var reconciliation = await _api.Get($"/api/reforms/{m.ReformId}/reconciliation?{at}");
        (reconciliation.GetProperty("allHandedOver").GetBoolean(), reconciliation.GetProperty("reconciled").GetBoolean()).ShouldBe((false, false));
        (await _api.Get(Unit(m.East.Code, "catalog", "knownAt=2001-01-01T00:00:00Z"), 404)).Str("detail")!.ShouldContain("not yet in the ledger");
    }

    [Fact]
    public async Task As_of_now_every_report_is_byte_for_byte_what_the_projections_give()
    {
        var m = await VillageMerger.Run(_api);
        var now = "asOf=" + Iso(Sample.Now());
        foreach (var code in new[] { m.East.Code, m.West.Code })
        foreach (var report in UnitReports)
        foreach (var format in new[] { "csv", "xlsx" })
            (await _api.Download(Unit(code, report, $"format={format}&{now}"))).Body.ShouldBe((await _api.Download(Unit(code, report, $"format={format}"))).Body,
                $"{report} of {code} as {format}");

        var url = $"/api/reforms/{m.ReformId}/reconciliation";
        var asOf = await _api.Get($"{url}?{now}");
        var current = await _api.Get(url);
        asOf.GetProperty("differences").GetRawText().ShouldBe(current.GetProperty("differences").GetRawText());
        asOf.GetProperty("oldUnits").GetRawText().ShouldBe(current.GetProperty("oldUnits").GetRawText());
        asOf.GetProperty("newUnits").GetRawText().ShouldBe(current.GetProperty("newUnits").GetRawText());
    }

    [Fact]
    public async Task Known_at_the_instant_the_ledger_recorded_an_entry_the_catalog_holds_it_and_a_moment_before_it_does_not()
    {
        var books = new Books(_api, Sample.TownshipCode());
        await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        await books.Account("cash", 1_000m);
        var before = Sample.Now();
        var pump = await books.Asset("machinery", "抽水泵", 30_000m);
        var after = Sample.Now();

        // Both are the ledger's clock, the one its stamps read; the database's clock has no say in what was known when.
        var then = await _api.Get(Unit(books.Code, "catalog", "knownAt=" + Iso(before)));
        then.GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("itemId").GetGuid() == pump);
        var later = await _api.Get(Unit(books.Code, "catalog", "knownAt=" + Iso(after)));
        later.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("itemId").GetGuid() == pump);
    }
}
