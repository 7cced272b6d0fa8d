using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Sanzi.Api.Imports;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Imports;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Imports;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Imports;

public class ImportTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    private const string AssetHeader = "资产编号,权属,资产类别,资产名称,规格型号,数量,计量单位,原值,累计折旧,取得日期,坐落,保管人,权属证书";

    private static string AssetLine(int n, decimal original = 1200m, string date = "2019-05-01", string category = "固定资产-办公设备及家具") =>
        $"BG-{n:D4},集体,{category},办公桌{n},1.2米,1,张,{original},0,{date},村部,张三,";

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static byte[] Assets(int count) => Csv([AssetHeader, .. Enumerable.Range(1, count).Select(n => AssetLine(n))]);

    private async Task<string> NewUnit()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        return code;
    }

    private async Task<IReadOnlyList<Item>> ItemsOf(string code)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.ItemsOfUnitAsync(code, CancellationToken.None);
    }

    private static UnitBook OpenUnit() => UnitBook.Create(new UnitRegistered("360702101", "青山镇", UnitLevel.Township, Sample.Stamp()));

    private static IReadOnlyList<ImportRow> Rows(byte[] csv) => ImportFile.Read(csv).Rows;

    [Fact]
    public void Every_bad_row_is_named_by_its_row_its_chinese_column_and_the_rule()
    {
        var file = Csv(AssetHeader, AssetLine(1), AssetLine(2, original: -5m), AssetLine(3, date: "去年"), AssetLine(4, category: "飞船"),
            AssetLine(1), "BG-0006,集体,流动资产,,,1,批,10,20,2020-01-01,村部,,");

        var plan = ImportPlan.Build(Tables.Assets, OpenUnit(), Rows(file), Sample.Stamp());

        plan.Rows.Select(r => r.Row).ShouldBe([2]);
        plan.Problems.Select(p => (p.Row, p.Column)).ShouldBe(
        [
            (3, "原值"), (3, "累计折旧"), (4, "取得日期"), (5, "资产类别"), (6, "资产编号"), (7, "资产名称"), (7, "累计折旧"),
        ], ignoreOrder: true);
        plan.Problems.First(p => p.Row == 3).Rule.ShouldBe("must not be negative");
        plan.Problems.Single(p => p.Row == 5).Rule.ShouldContain("固定资产-车辆");
        plan.Problems.Single(p => p.Row == 6).Rule.ShouldBe("'BG-0001' is already used by row 2");
        plan.Problems.Single(p => p.Row == 7 && p.Column == "累计折旧").Rule.ShouldBe("may not exceed originalValue");
    }

    [Fact]
    public void Rows_without_a_code_are_keyed_by_their_content_and_identical_rows_stay_two_items()
    {
        var line = ",集体,固定资产-办公设备及家具,长椅,,1,张,300,0,2020-01-01,村部,,";
        var rows = Rows(Csv(AssetHeader, line, line));

        var first = ImportPlan.Build(Tables.Assets, OpenUnit(), rows, Sample.Stamp());
        var again = ImportPlan.Build(Tables.Assets, OpenUnit(), rows, Sample.Stamp());

        first.Rows.Select(r => r.ItemId).Distinct().Count().ShouldBe(2);
        again.Rows.Select(r => r.ItemId).ShouldBe(first.Rows.Select(r => r.ItemId));
    }

    [Fact]
    public async Task A_file_with_a_bad_row_writes_nothing_and_valid_only_writes_the_rest()
    {
        var code = await NewUnit();
        var file = Csv(AssetHeader, AssetLine(1), AssetLine(2, original: 1200.555m), AssetLine(3));

        var refused = await _api.PostFile($"/api/units/{code}/imports", file, 400);
        refused.GetProperty("errors").GetProperty("第3行 原值")[0].GetString().ShouldBe("must have at most 2 decimal places (yuan and fen)");
        (await ItemsOf(code)).ShouldBeEmpty();

        var partial = await _api.PostFile($"/api/units/{code}/imports?validOnly=true", file, 200);
        partial.GetProperty("written").GetInt32().ShouldBe(2);
        partial.GetProperty("problems")[0].GetProperty("row").GetInt32().ShouldBe(3);
        (await ItemsOf(code)).Select(i => i.ItemCode).ShouldBe(["BG-0001", "BG-0003"]);
    }

    [Fact]
    public async Task A_reimport_writes_nothing_new()
    {
        var code = await NewUnit();

        var first = await _api.PostFile($"/api/units/{code}/imports?table=assets", Assets(30), 200);
        var again = await _api.PostFile($"/api/units/{code}/imports?table=assets", Assets(30), 200);

        first.GetProperty("written").GetInt32().ShouldBe(30);
        again.GetProperty("written").GetInt32().ShouldBe(0);
        again.GetProperty("alreadyImported").GetInt32().ShouldBe(30);
        var items = await ItemsOf(code);
        items.Count.ShouldBe(30);
        items.Sum(i => i.Value).ShouldBe(30 * 1200m);
        var summary = await _api.Get($"/api/units/{code}/summary");
        summary.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("item").GetString() == "资产合计")
            .GetProperty("bookValue").GetDecimal().ShouldBe(36_000m);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_import_killed_half_way_and_run_again_ends_with_each_row_once(bool bulk)
    {
        var code = await NewUnit();
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var importer = new Importer(store, Sample.Clock, bulk ? fixture.Host.Services.GetRequiredService<BulkImportWriter>() : new SessionImportWriter(store))
        {
            BatchSize = 10,
        };
        var request = new ImportRequest(code, Tables.Assets, Rows(Assets(45)));
        using var kill = new CancellationTokenSource();

        await Should.ThrowAsync<OperationCanceledException>(() => importer.ImportAsync(request, new Actor("导入员", null), null,
            new CancelAfterFirstBatch(kill), kill.Token));
        var survived = (await ItemsOf(code)).Count;
        survived.ShouldBeInRange(10, 44);

        var resumed = await importer.ImportAsync(request, new Actor("导入员", null), null, null, CancellationToken.None);

        resumed.AlreadyImported.ShouldBe(survived);
        resumed.Written.ShouldBe(45 - survived);
        var items = await ItemsOf(code);
        items.Select(i => i.ItemCode).ShouldBe(Enumerable.Range(1, 45).Select(n => $"BG-{n:D4}"));
    }

    [Fact]
    public async Task Rows_whose_events_were_written_but_not_their_catalog_rows_get_them_on_the_next_run()
    {
        var code = await NewUnit();
        await _api.PostFile($"/api/units/{code}/imports", Assets(5), 200);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var lost = (await ItemsOf(code))[2];
        await using (var session = store.LightweightSession())
        {
            session.Delete<CatalogRow>(lost.Id);
            await session.SaveChangesAsync();
        }

        (await _api.Get($"/api/units/{code}/catalog")).GetProperty("items").GetArrayLength().ShouldBe(4);
        var again = await _api.PostFile($"/api/units/{code}/imports", Assets(5), 200);

        again.GetProperty("alreadyImported").GetInt32().ShouldBe(5);
        (await _api.Get($"/api/units/{code}/catalog")).GetProperty("items").GetArrayLength().ShouldBe(5);
    }

    /// <summary>A register between two and three times the smallest split goes as two batches side by side: the bar moves halfway, then to the end.</summary>
    [Fact]
    public async Task An_import_is_split_into_batches_written_side_by_side()
    {
        var code = await NewUnit();
        var importer = new Importer(fixture.Host.Services.GetRequiredService<IDocumentStore>(), Sample.Clock,
            fixture.Host.Services.GetRequiredService<BulkImportWriter>()) { SplitAbove = 5 };
        var progress = new Reports();

        (await importer.ImportAsync(new ImportRequest(code, Tables.Assets, Rows(Assets(12))), new Actor("导入员", null), null, progress,
            CancellationToken.None)).Written.ShouldBe(12);

        progress.Done.ShouldBe([0, 6, 12]);
        (await ItemsOf(code)).Count.ShouldBe(12);
    }

    private sealed class Reports : IProgress<ImportProgress>
    {
        public List<int> Done { get; } = [];

        public void Report(ImportProgress value) => Done.Add(value.Done);
    }

    private sealed class CancelAfterFirstBatch(CancellationTokenSource kill) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.Done > 0) kill.Cancel();
        }
    }

    [Fact]
    public async Task A_filled_in_xlsx_template_uploads_as_a_form_and_its_table_is_recognised()
    {
        var code = await NewUnit();
        var (template, type) = await _api.Download("/api/imports/templates/funds");
        type.ShouldBe(ImportTemplates.XlsxType);
        var headers = MiniExcel.Query(new MemoryStream(template)).Cast<IDictionary<string, object?>>().First().Values.ToList();
        headers.ShouldBe(Tables.Funds.Columns.Select(c => (object?)c.Header));

        using var filled = new MemoryStream();
        filled.SaveAs(new[]
        {
            new Dictionary<string, object?>
            {
                ["账户编号"] = null, ["资金类别"] = "库存现金", ["账户名称"] = "库存现金", ["开户银行"] = null, ["银行账号"] = null, ["账面余额"] = 3200.5,
            },
            new Dictionary<string, object?>
            {
                ["账户编号"] = "YH-01", ["资金类别"] = "银行存款", ["账户名称"] = "基本户", ["开户银行"] = "临河农商银行", ["银行账号"] = "6228000001",
                ["账面余额"] = 120000,
            },
        });
        var result = await _api.PostFile($"/api/units/{code}/imports", filled.ToArray(), 200, multipart: true);

        result.GetProperty("table").GetString().ShouldBe("funds");
        (await ItemsOf(code)).Select(i => (i.Category, i.Value)).ShouldBe([("bank", 120_000m), ("cash", 3_200.50m)], ignoreOrder: true);
    }

    [Fact]
    public async Task A_frozen_unit_takes_no_import()
    {
        var oldCode = Sample.TownshipCode();
        var reform = await _api.Post("/api/reforms", Sample.Reform(oldCode, Sample.TownshipCode()), 201);
        await _api.Post($"/api/reforms/{reform.GetProperty("reformId").GetGuid()}/freeze", Sample.Freeze(), 200);

        var refused = await _api.PostFile($"/api/units/{oldCode}/imports", Assets(3), 409);

        refused.GetProperty("detail").GetString()!.ShouldContain("frozen");
        (await ItemsOf(oldCode)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Registers_of_several_units_go_in_one_call_and_a_bad_one_writes_nothing_of_its_own()
    {
        var (first, second, bad) = (await NewUnit(), await NewUnit(), await NewUnit());
        // Batches of 7 across the registers: a batch holds rows of both units, two batches are written at once.
        var importer = new Importer(fixture.Host.Services.GetRequiredService<IDocumentStore>(), Sample.Clock,
            fixture.Host.Services.GetRequiredService<BulkImportWriter>()) { BatchSize = 7 };

        var results = await importer.ImportAsync(
            [
                new ImportRequest(first, Tables.Assets, Rows(Assets(12))), new ImportRequest(second, Tables.Assets, Rows(Assets(9))),
                new ImportRequest(bad, Tables.Assets, Rows(Csv(AssetHeader, AssetLine(1), AssetLine(2, date: "昨天")))),
            ], new Actor("导入员", null), null, null, CancellationToken.None);

        results.Select(r => (r.UnitCode, r.Written, r.Problems.Count)).ShouldBe([(first, 12, 0), (second, 9, 0), (bad, 0, 1)]);
        results[2].Problems.Single().Field.ShouldBe("第3行 取得日期");
        (await ItemsOf(first)).Select(i => i.ItemCode).ShouldBe(Enumerable.Range(1, 12).Select(n => $"BG-{n:D4}"));
        (await ItemsOf(second)).Count.ShouldBe(9);
        (await ItemsOf(bad)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_csv_template_is_the_header_row_with_a_byte_order_mark()
    {
        var (body, _) = await _api.Download("/api/imports/templates/debts?format=csv");
        Encoding.UTF8.GetString(body).ShouldBe("\uFEFF编号,权属,债权债务,类别,对方单位或个人,对方类型,金额,到期日,依据文件\r\n");
        await _api.Get("/api/imports/templates/loans", 400);
    }
}
