using System.Text;
using System.Text.Json;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Mergers;

/// <summary>
/// Two towns merge into a new one (撤并设镇): both keep a state book (国有资产), one a collective book (集体资产) too;
/// three villages move to the new town under new codes; seals and licences change hands; two people hand over.
/// </summary>
public class TownshipScenarioTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task The_new_towns_two_books_equal_the_old_towns_verified_books_book_by_book()
    {
        var jinlong = new Books(_api, Sample.TownshipCode());
        var shiqiao = new Books(_api, Sample.TownshipCode());
        var merged = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "撤销金龙镇、石桥镇设立金桥镇", approvalDocument = "赣府字〔2026〕25号",
            approvedOn = "2026-11-01", plannedFreezeDate = "2026-11-30", noticeDays = 5,
            predecessors = new[] { new { code = jinlong.Code, name = "金龙镇" }, new { code = shiqiao.Code, name = "石桥镇" } },
            successors = new[] { new { code = merged.Code, name = "金桥镇" } },
        }, 201)).GetProperty("reformId").GetGuid();

        // 金龙镇: a state book and its economic co-op's collective book, in one unit, never mixed.
        var car = await jinlong.Asset("vehicle", "公务用车", 180_000m, 60_000m, "state");
        var hall = await jinlong.Asset("building", "镇政府办公楼", 2_400_000m, 600_000m, "state");
        var bank = await jinlong.Account("bank", 800_000m, "state");
        var cash = await jinlong.Account("cash", 1_000m, "state");
        var payable = await jinlong.Debt("liability", "payable", "县建筑公司", 50_000m, ownership: "state");
        var warehouse = await jinlong.Asset("building", "镇集体仓库", 300_000m, 100_000m);
        var coopBank = await jinlong.Account("bank", 120_000m);
        // 石桥镇: a state book only.
        var site = await shiqiao.Asset("constructionInProgress", "便民服务中心(在建)", 900_000m, 0m, "state");
        var siteBank = await shiqiao.Account("bank", 640_000m, "state");

        // The state book posts to the government chart (政府会计制度), never to the village chart, and the reverse.
        (await jinlong.Payment(bank, 3_000m, 400)).GetProperty("errors").GetProperty("accountCode")[0].GetString()!.ShouldContain("政府会计制度");
        await jinlong.Payment(bank, 3_000m, 200, accountCode: "5101");
        await jinlong.Payment(coopBank, 2_000m, 400, accountCode: "5101");
        await _api.Post($"/api/fund-accounts/{bank}/receipts", new
        {
            idempotencyKey = Sample.Key(), amount = 50_000m, payer = "县财政局", payerType = "outsideUnit", purpose = "运转经费",
            accountCode = "4001", voucherNumber = "收-3",
        }, 200);

        // 提现: one movement between two state accounts; the state book's funds total doesn't change.
        var fundsBefore = await BookTotal(jinlong, "state", "fund");
        await Move(bank, cash, "withdrawal", 2_000m, 200);
        (await BookTotal(jinlong, "state", "fund")).ShouldBe(fundsBefore);
        (await Move(bank, coopBank, "betweenBanks", 1_000m, 409)).GetProperty("detail").GetString()!.ShouldContain("never mix");

        // Three villages move to the new town under new codes (行政区划代码变更).
        var moves = new[] { (jinlong.Code + "201", merged.Code + "201", "金龙村"), (jinlong.Code + "202", merged.Code + "202", "龙岗村"),
            (shiqiao.Code + "201", merged.Code + "203", "石桥村") };
        await _api.Post($"/api/reforms/{reformId}/code-changes", new
        {
            idempotencyKey = Sample.Key(), effectiveFrom = Sample.Today(),
            changes = moves.Select(m => new { oldCode = m.Item1, newCode = m.Item2, name = m.Item3 }),
        }, 200);

        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200, "county-finance-bureau");
        foreach (var (books, items) in new[] { (jinlong, new[] { car, bank, cash, payable, warehouse, coopBank }), (shiqiao, new[] { site, siteBank }) })
        {
            await books.LockDebts();
            foreach (var item in items) await books.Count(item);
            if (books == jinlong) await books.Count(hall, "adjusted", 1_750_000m, "评估减值: 屋面渗漏");
            await books.CloseInventory();
            await books.PublishNotice();
        }

        // A township has no members' assembly and, unless its reform asks, no objection round.
        await _api.Post($"/api/units/{jinlong.Code}/notice/confirmation", new
        {
            idempotencyKey = Sample.Key(), body = "membersAssembly", heldOn = Sample.Today(), document = "x",
        }, 400);
        await _api.Post($"/api/units/{jinlong.Code}/objections", new { idempotencyKey = Sample.Key(), raisedBy = "群众某", text = "有异议" }, 409);
        await jinlong.Confirm();
        await shiqiao.Confirm();

        // The notice of a state book is a 国有资产 notice; a town with two books has one notice per book.
        (await _api.Download($"/notices/{jinlong.Code}", 400)).Body.Length.ShouldBeGreaterThan(0);
        var stateNotice = await Page($"/notices/{jinlong.Code}?book=state");
        stateNotice.ShouldContain("金龙镇国有资产清产核资结果公示");
        stateNotice.ShouldContain("公务用车");
        stateNotice.ShouldNotContain("镇集体仓库");
        var collectiveNotice = await Page($"/notices/{jinlong.Code}?book=collective");
        collectiveNotice.ShouldContain("金龙镇集体资产清产核资结果公示");
        collectiveNotice.ShouldNotContain("公务用车");
        (await Page($"/notices/{shiqiao.Code}")).ShouldContain("石桥镇国有资产清产核资结果公示");

        var verified = new Dictionary<string, Dictionary<Guid, decimal>>
        {
            ["state"] = (await Catalog(jinlong.Code, "state")).Concat(await Catalog(shiqiao.Code, "state")).ToDictionary(),
            ["collective"] = await Catalog(jinlong.Code, "collective"),
        };
        verified["state"].Keys.ShouldBe([car, hall, bank, cash, payable, site, siteBank], ignoreOrder: true);

        // The township's handover: free transfer under the finance bureau's document, seals and licences, two people handing over.
        var register = Register(new { mode = "freeTransfer", document = "赣财资〔2026〕31号" });
        (await _api.Post($"/api/units/{jinlong.Code}/handover", Register(null), 400)).GetProperty("errors").GetProperty("transfer");
        await _api.Post($"/api/units/{jinlong.Code}/handover", register, 200);
        var draft = await _api.Get($"/api/units/{jinlong.Code}/handover?book=state");
        draft.GetProperty("transfer").GetProperty("document").GetString().ShouldBe("赣财资〔2026〕31号");
        draft.GetProperty("insignia").EnumerateArray().Select(i => i.GetProperty("fate").GetString())
            .ShouldBe(["handedOver", "surrendered", "surrendered", "destroyed"]);

        await Sign(jinlong, "handingOver", "李建国", 200);
        await Sign(jinlong, "handingOver", "钱某", 403);
        await Sign(jinlong, "handingOver", "张伟", 200);
        await Sign(jinlong, "receiving", "王志强", 200);
        (await Sign(jinlong, "supervising", "赵明", 200)).GetProperty("handedOver").GetBoolean().ShouldBeTrue();
        await shiqiao.DraftHandover();
        await shiqiao.SignedByAll();

        // Book by book and item by item, the new town holds what the old towns verified; no report mixes the books.
        (await Catalog(merged.Code, "state")).ShouldBe(verified["state"], ignoreOrder: true);
        (await Catalog(merged.Code, "collective")).ShouldBe(verified["collective"], ignoreOrder: true);
        await _api.Get($"/api/units/{merged.Code}/catalog", 400);
        await _api.Get($"/api/reforms/{reformId}/reconciliation", 400);
        foreach (var book in new[] { "state", "collective" })
        {
            var reconciliation = await _api.Get($"/api/reforms/{reformId}/reconciliation?book={book}");
            reconciliation.GetProperty("reconciled").GetBoolean().ShouldBeTrue();
            reconciliation.GetProperty("book").GetString().ShouldBe(book);
        }

        // Per account: the state assets are booked against 3401 无偿调拨净资产 in the new town's opening entries.
        var unit = (await merged.View()).GetProperty("unit");
        var entries = unit.GetProperty("openingEntries").EnumerateArray().SelectMany(e => e.GetProperty("lines").EnumerateArray())
            .GroupBy(l => l.GetProperty("accountCode").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.GetProperty("debit").GetDecimal() - l.GetProperty("credit").GetDecimal()));
        var v = verified["state"];
        entries.ShouldBe(new Dictionary<string, decimal>
        {
            ["1001"] = v[cash], ["1002"] = v[bank] + v[siteBank], ["1601"] = v[car] + v[hall], ["1613"] = v[site], ["2302"] = -v[payable],
            ["3401"] = -(v.Values.Sum() - 2 * v[payable]),
        }, ignoreOrder: true);

        // The moved villages are found by either code; their history shows the change; the old codes stay retired.
        foreach (var (oldCode, newCode, _) in moves)
        {
            var village = (await _api.Get($"/api/units/{oldCode}")).GetProperty("unit");
            village.GetProperty("code").GetString().ShouldBe(newCode);
            (await _api.Get($"/api/units/{newCode}")).GetProperty("unit").GetProperty("codeHistory")[0].GetProperty("oldCode").GetString().ShouldBe(oldCode);
        }
        await _api.Post("/api/reforms", Sample.Reform(moves[0].Item1, Sample.VillageCode()), 409);
        await _api.Post($"/api/reforms/{reformId}/code-changes", new
        {
            idempotencyKey = Sample.Key(), effectiveFrom = Sample.Today(),
            changes = new[] { new { oldCode = moves[0].Item1, newCode = merged.Code + "209", name = "金龙村" } },
        }, 409);
    }

    [Fact]
    public async Task An_asset_transfer_after_the_freeze_needs_a_transfer_exception_and_names_its_recipient()
    {
        var town = new Books(_api, Sample.TownshipCode());
        var reform = (await _api.Post("/api/reforms", Sample.Reform(town.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var car = await town.Asset("vehicle", "执法车", 150_000m, 30_000m, "state");
        await _api.Post($"/api/reforms/{reform}/freeze", Sample.Freeze(), 200);

        object Transfer(Guid? exceptionId, string? recipient = "县机关事务管理局") => new
        {
            idempotencyKey = Sample.Key(), method = "transfer", proceeds = 0m, resolutionReference = "乡政府常务会议纪要〔2026〕40号", reason = "无偿调拨",
            recipient, exceptionId,
        };
        (await _api.Post($"/api/assets/{car}/disposal", Transfer(null, null), 400)).GetProperty("errors").GetProperty("recipient");
        await _api.Post($"/api/assets/{car}/disposal", Transfer(null), 409);
        var disposal = await Exception(reform, town.Code, "disposal");
        (await _api.Post($"/api/assets/{car}/disposal", Transfer(disposal), 409)).GetProperty("detail").GetString()!.ShouldContain("disposal");
        await _api.Post($"/api/assets/{car}/disposal", Transfer(await Exception(reform, town.Code, "transfer")), 200);
        (await _api.Get($"/api/items/{car}")).GetProperty("status").GetString().ShouldBe("disposed");
    }

    [Fact]
    public async Task A_transfer_between_accounts_must_go_the_way_its_kind_says()
    {
        var town = new Books(_api, Sample.TownshipCode());
        await _api.Post("/api/reforms", Sample.Reform(town.Code, Sample.TownshipCode()), 201);
        var bank = await town.Account("bank", 5_000m, "state");
        var cash = await town.Account("cash", 100m, "state");
        (await Move(cash, bank, "withdrawal", 50m, 400)).GetProperty("errors").GetProperty("kind");
        await Move(cash, bank, "deposit", 500m, 409);
        var moved = await Move(cash, bank, "deposit", 100m, 200);
        (moved.GetProperty("from").GetProperty("value").GetDecimal(), moved.GetProperty("to").GetProperty("value").GetDecimal()).ShouldBe((0m, 5_100m));
    }

    private object Register(object? transfer) => new
    {
        idempotencyKey = Sample.Key(),
        parties = new[]
        {
            new { role = "handingOver", name = "李建国", post = "原金龙镇镇长" },
            new { role = "handingOver", name = "张伟", post = "原金龙镇财政所所长" },
            new { role = "receiving", name = "王志强", post = "金桥镇镇长" },
            new { role = "supervising", name = "赵明", post = "县纪委监委派驻纪检监察组组长" },
        },
        archives = new[] { "会计凭证 2015-2026 共 140 册", "固定资产卡片 1 套" },
        seals = Array.Empty<string>(),
        insignia = new[]
        {
            new { kind = "seal", name = "金龙镇财政所财务专用章", fate = "handedOver", document = (string?)null },
            new { kind = "seal", name = "金龙镇人民政府印章", fate = "surrendered", document = (string?)"印章上缴登记〔2026〕3号" },
            new { kind = "licence", name = "统一社会信用代码证书", fate = "surrendered", document = (string?)null },
            new { kind = "plaque", name = "金龙镇人民政府牌匾", fate = "destroyed", document = (string?)"销毁记录〔2026〕1号" },
        },
        transfer,
    };

    private Task<JsonElement> Sign(Books books, string role, string name, int status) =>
        _api.Post($"/api/units/{books.Code}/handover/signatures", new { idempotencyKey = Sample.Key(), role }, status, name);

    private Task<JsonElement> Move(Guid from, Guid to, string kind, decimal amount, int status) =>
        _api.Post($"/api/fund-accounts/{from}/transfers", new { idempotencyKey = Sample.Key(), toAccountId = to, kind, amount, voucherNumber = "记-9" },
            status);

    private async Task<Guid> Exception(Guid reform, string unit, string scope) =>
        (await _api.Post($"/api/reforms/{reform}/exceptions", new
        {
            idempotencyKey = Sample.Key(), unitCode = unit, scope, maxAmount = 200_000m, approver = "县财政局局长", document = "财特批〔2026〕9号",
            reason = "划转县机关事务管理局",
        }, 201)).GetProperty("exceptionId").GetGuid();

    /// <summary>Item id to verified value (核实数) of every line of a unit's catalog in one book.</summary>
    private async Task<Dictionary<Guid, decimal>> Catalog(string code, string book)
    {
        var catalog = await _api.Get($"/api/units/{code}/catalog?book={book}");
        catalog.GetProperty("book").GetString().ShouldBe(book);
        var items = catalog.GetProperty("items").EnumerateArray().ToList();
        items.ShouldAllBe(i => i.GetProperty("ownership").GetString() == book);
        return items.ToDictionary(i => i.GetProperty("itemId").GetGuid(), i => i.GetProperty("verifiedValue").GetDecimal());
    }

    private async Task<decimal> BookTotal(Books books, string book, string kind) =>
        (await books.View()).GetProperty("totals").EnumerateArray()
        .Where(t => t.GetProperty("ownership").GetString() == book && t.GetProperty("kind").GetString() == kind)
        .Sum(t => t.GetProperty("verifiedValue").GetDecimal());

    private async Task<string> Page(string url) => Encoding.UTF8.GetString((await _api.Download(url)).Body);
}
