using MiniExcelLibs;
using Sanzi.Tests.Support;
using Shouldly;
using static Sanzi.Tests.Support.Reports;

namespace Sanzi.Tests.Reports;

/// <summary>
/// Every report of the village merger against figures worked out by hand from the scenario (see
/// <see cref="VillageMerger"/>): 东村 cash 5,000 − 1,200, bank 120,000 + 30,000, office 450,000 − 90,000 booked and
/// 355,000 verified after the objection, the pump missing, the claim 8,000 − 3,000, the loan 50,000; 西村 bank
/// 80,000, centre 200,000 − 50,000, the tractor found at the count at 12,000, the payable 12,000.
/// </summary>
public partial class ReportTests(LedgerFixture fixture)
{
    private static Task<VillageMerger>? _merger;
    private readonly LedgerApi _api = new(fixture.Host);

    /// <summary>One merger for all tests of this class: they only read it.</summary>
    private Task<VillageMerger> Merger() => LazyInitializer.EnsureInitialized(ref _merger, () => VillageMerger.Run(_api));

    [Fact]
    public async Task The_catalog_lists_every_item_of_the_old_unit_with_what_became_of_it()
    {
        var m = await Merger();
        var east = await _api.Get(Unit(m.East.Code, "catalog"));
        east.GetProperty("items").GetArrayLength().ShouldBe(7);
        east.GetProperty("itemsInBooks").GetInt32().ShouldBe(1);
        east.GetProperty("itemsHandedOver").GetInt32().ShouldBe(6);

        var office = Item(east, m.EastOffice);
        (office.Dec("originalValue"), office.Dec("accumulatedDepreciation"), office.Dec("netValue"), office.Dec("verifiedValue"), office.Dec("difference"))
            .ShouldBe((450_000m, 90_000m, 360_000m, 355_000m, -5_000m));
        office.Str("status").ShouldBe("handedOver");
        office.Str("statusText").ShouldBe($"移交至 和平村（{m.Merged.Code}）");
        office.Str("handedOverOn").ShouldBe(Sample.Iso(m.FreezeDay.PlusDays(5 + Sample.NoticeDays)));
        office.Str("categoryName").ShouldBe("固定资产-房屋建筑物");
        office.Str("location").ShouldBe("村部");

        var pump = Item(east, m.EastPump);
        (pump.Str("status"), pump.Dec("netValue"), pump.Dec("verifiedValue"), pump.Str("reason")).ShouldBe(("missing", 30_000m, 0m, "盘点未见实物"));
        Item(east, m.EastCash).Dec("verifiedValue").ShouldBe(3_800m);
        Item(east, m.EastLand).Dec("quantity").ShouldBe(120m);

        var merged = await _api.Get(Unit(m.Merged.Code, "catalog"));
        merged.GetProperty("items").EnumerateArray().Select(i => i.Str("status")).ShouldAllBe(s => s == "inUse");
        merged.GetProperty("itemsInBooks").GetInt32().ShouldBe(11);
        Item(merged, m.EastOffice).Dec("verifiedValue").ShouldBe(355_000m);
        Item(merged, m.Tractor).Dec("verifiedValue").ShouldBe(12_000m);
    }

    [Fact]
    public async Task The_summary_states_book_against_verified_value_by_the_national_tables()
    {
        var m = await Merger();
        var east = await _api.Get(Unit(m.East.Code, "summary"));
        Values(east, "货币资金", "库存现金").ShouldBe((3_800m, 3_800m));
        Values(east, "货币资金", "货币资金合计").ShouldBe((153_800m, 153_800m));
        Values(east, "资产", "固定资产-房屋建筑物").ShouldBe((360_000m, 355_000m));
        Values(east, "资产", "固定资产-机器设备").ShouldBe((30_000m, 0m));
        Line(east, "资源", "耕地").Dec("quantity").ShouldBe(120m);
        Values(east, "债权", "应收款").ShouldBe((5_000m, 5_000m));
        Values(east, "债务", "借款").ShouldBe((50_000m, 50_000m));
        Line(east, "资产负债", "固定资产原价").Dec("bookValue").ShouldBe(480_000m);
        Line(east, "资产负债", "减:累计折旧").Dec("bookValue").ShouldBe(90_000m);
        Values(east, "资产负债", "资产总计").ShouldBe((548_800m, 513_800m));
        Values(east, "资产负债", "负债合计").ShouldBe((50_000m, 50_000m));
        Values(east, "资产负债", "净资产").ShouldBe((498_800m, 463_800m));
        Values(east, "盘盈盘亏", "盘亏").ShouldBe((30_000m, 0m));
        Line(east, "盘盈盘亏", "盘亏").GetProperty("count").GetInt32().ShouldBe(1);

        var west = await _api.Get(Unit(m.West.Code, "summary"));
        Values(west, "资产", "固定资产-机器设备").ShouldBe((0m, 12_000m));
        Line(west, "资源", "林地").Dec("quantity").ShouldBe(300m);
        Values(west, "资产负债", "固定资产净值").ShouldBe((150_000m, 162_000m));
        Values(west, "资产负债", "资产总计").ShouldBe((230_000m, 242_000m));
        Values(west, "资产负债", "净资产").ShouldBe((218_000m, 230_000m));
        Values(west, "盘盈盘亏", "盘盈").ShouldBe((0m, 12_000m));

        var merged = await _api.Get(Unit(m.Merged.Code, "summary"));
        Values(merged, "货币资金", "货币资金合计").ShouldBe((233_800m, 233_800m));
        Line(merged, "资源", "资源合计").Dec("quantity").ShouldBe(420m);
        Values(merged, "债务", "债务合计").ShouldBe((62_000m, 62_000m));
    }

    [Fact]
    public async Task The_debt_register_shows_each_counterparty_at_the_lock_and_now()
    {
        var m = await Merger();
        var east = await _api.Get(Unit(m.East.Code, "debts"));
        east.GetProperty("counterparties").GetArrayLength().ShouldBe(2);
        var chen = Counterparty(east, "个体户陈某");
        (chen.Str("side"), chen.Dec("lockedBalance"), chen.Dec("currentBalance"), chen.GetProperty("changedAfterLock").GetBoolean())
            .ShouldBe(("claim", 5_000m, 5_000m, false));
        var bank = Counterparty(east, "县农商银行");
        (bank.Str("side"), bank.Dec("lockedBalance"), bank.Dec("currentBalance")).ShouldBe(("liability", 50_000m, 50_000m));
        bank.GetProperty("lines")[0].Str("status").ShouldBe("handedOver");
    }

    [Fact]
    public async Task The_handover_register_lists_the_items_and_the_three_signatures_with_their_days()
    {
        var m = await Merger();
        var east = await _api.Get(Unit(m.East.Code, "handover"));
        (east.GetProperty("completed").GetBoolean(), east.Str("successorName"), east.GetProperty("itemCount").GetInt32())
            .ShouldBe((true, "和平村", 6));
        east.GetProperty("items").EnumerateArray().Select(i => i.Str("toUnit")).ShouldAllBe(c => c == m.Merged.Code);
        var signatures = east.GetProperty("signatures").EnumerateArray().ToList();
        signatures.Select(s => (s.Str("roleName"), s.Str("name"), s.Str("signer"))).ShouldBe(
        [
            ("移交人", "李建国", "李建国"), ("接收人", "王志强", "王志强"), ("监交人", "赵明", "赵明"),
        ]);
        var signedOn = Sample.Iso(m.FreezeDay.PlusDays(5 + Sample.NoticeDays));
        signatures.ShouldAllBe(s => s.GetProperty("signedOn").GetString() == signedOn && s.GetProperty("recordedAt").GetString() != null);
        east.Str("closedOn").ShouldBe(signedOn);

        var csv = System.Text.Encoding.UTF8.GetString((await _api.Download(Unit(m.East.Code, "handover", "format=csv"))).Body);
        csv.ShouldContain("移交人,李建国,原村委会主任,李建国,");
        csv.ShouldContain("序号,原单位代码,接收单位代码");
        (await _api.Get(Unit(m.Merged.Code, "handover"), 404)).Str("detail")!.ShouldContain("no handover register");
    }

    [Fact]
    public async Task The_reconciliation_of_the_merger_is_reconciled_category_by_category()
    {
        var m = await Merger();
        var report = await _api.Get($"/api/reforms/{m.ReformId}/reconciliation");
        (report.GetProperty("allHandedOver").GetBoolean(), report.GetProperty("reconciled").GetBoolean()).ShouldBe((true, true));
        report.GetProperty("differences").GetArrayLength().ShouldBe(0);
        var received = report.GetProperty("newUnits").EnumerateArray()
            .ToDictionary(c => $"{c.Str("kind")}/{c.Str("category")}", c => (c.Dec("expected"), c.Dec("actual")));
        received.ShouldBe(new Dictionary<string, (decimal, decimal)>
        {
            ["fund/cash"] = (3_800m, 3_800m), ["fund/bank"] = (230_000m, 230_000m), ["asset/building"] = (505_000m, 505_000m),
            ["asset/machinery"] = (12_000m, 12_000m), ["resource/cropland"] = (0m, 0m), ["resource/forest"] = (0m, 0m),
            ["claim/receivable"] = (5_000m, 5_000m), ["liability/loan"] = (50_000m, 50_000m), ["liability/payable"] = (12_000m, 12_000m),
        }, ignoreOrder: true);
        var eastPump = report.GetProperty("oldUnits").EnumerateArray().Single(c => c.Str("unitCode") == m.East.Code && c.Str("category") == "machinery");
        (eastPump.Dec("expected"), eastPump.Dec("actual")).ShouldBe((0m, 0m));
    }

    [Fact]
    public async Task Csv_and_excel_carry_the_same_rows_under_chinese_headers()
    {
        var m = await Merger();
        var (csv, csvType) = await _api.Download(Unit(m.East.Code, "catalog", "format=csv"));
        csvType.ShouldBe("text/csv; charset=utf-8");
        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = System.Text.Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("编号,名称,三资类别,类别,规格型号,数量,计量单位,坐落,保管人,原值,累计折旧,账面净值,核实数,差额");
        lines.Length.ShouldBe(8);
        lines.ShouldContain(l => l.Contains("村部办公楼") && l.Contains("450000.00,90000.00,360000.00,355000.00,-5000.00") && l.Contains("移交至 和平村"));

        var (xlsx, xlsxType) = await _api.Download(Unit(m.East.Code, "catalog", "format=xlsx"));
        xlsxType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        // The filed layout: title, 填报单位 and 基准日 above the header row, the signature line below the rows.
        var rows = new MemoryStream(xlsx).Query(useHeaderRow: true, startCell: "A4").Cast<IDictionary<string, object>>().Where(r => r["名称"] is not null).ToList();
        rows.Count.ShouldBe(7);
        var office = rows.Single(r => (string)r["名称"] == "村部办公楼");
        (Convert.ToDecimal(office["核实数"]), office["状态"]).ShouldBe((355_000m, (object)$"移交至 和平村（{m.Merged.Code}）"));
        new MemoryStream((await _api.Download($"/api/reforms/{m.ReformId}/reconciliation?format=xlsx")).Body).GetSheetNames()
            .ShouldBe(["分类核对", "差异明细"]);
    }

    [Fact]
    public async Task Bad_requests_are_problems_that_name_the_parameter()
    {
        var m = await Merger();
        foreach (var report in UnitReports)
        {
            (await _api.Get(Unit(Sample.VillageCode(), report), 404)).Str("title").ShouldBe("Not found");
            (await _api.Get(Unit("12ab", report), 400)).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
            (await _api.Get(Unit(m.East.Code, report, "format=pdf"), 400)).GetProperty("errors").TryGetProperty("format", out _).ShouldBeTrue();
            (await _api.Get(Unit(m.East.Code, report, "asOf=yesterday"), 400)).GetProperty("errors").TryGetProperty("asOf", out _).ShouldBeTrue();
        }

        (await _api.Get($"/api/reforms/{Guid.NewGuid()}/reconciliation", 404)).Str("title").ShouldBe("Not found");
        (await _api.Get($"/api/reforms/{m.ReformId}/reconciliation?format=doc", 400)).GetProperty("errors").TryGetProperty("format", out _).ShouldBeTrue();
        (await _api.Get(Unit(m.East.Code, "catalog", "asOf=2999-01-01T00:00:00Z"), 400)).GetProperty("errors").GetProperty("asOf")[0].GetString()
            .ShouldBe("may not be in the future");
    }
}
