using System.Text.Json;
using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Demo;

/// <summary>
/// The sample: 东坪村 and 西坪村 of 临河镇 merge into 和平村 under 临政复〔2026〕7号, each with funds,
/// assets, resources, claims and debts; the inventory finds a shortage and a surplus, the notice draws
/// one objection, and the handover is signed by the three parties. It is entered after the fact (纸质账簿补录), as
/// a county enters a merger from its paper books: the freeze a month ago, every step dated on its own day, the
/// notice running its full seven days before the members confirm.
/// </summary>
public sealed class SampleMerger(DemoClient client)
{
    /// <summary>临河镇, whose clerk's token covers the three villages.</summary>
    public const string Township = "360702105";
    private const string East = "360702105201";
    private const string West = "360702105202";
    private const string Merged = "360702105210";
    private const string Clerk = "临河镇三资中心-周会计";
    private const string Office = "县合村并组办公室";

    public List<string> Links { get; } = [];

    /// <summary>The freeze day, a month before today (Beijing time); every entry is dated relative to it.</summary>
    private readonly LocalDate _freezeDay = Stamp.DayOf(SystemClock.Instance.GetCurrentInstant()).PlusDays(-30);

    private string Day(int offset) => _freezeDay.PlusDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="untilNotice">Stop once the results are on notice, before any objection: the members' turn.</param>
    public async Task RunAsync(TextWriter log, bool untilNotice = false)
    {
        var reform = await client.Post("/api/reforms", new
        {
            idempotencyKey = "demo-reform", title = "东坪村、西坪村合并设立和平村", approvalDocument = "临政复〔2026〕7号",
            approvedOn = Day(-20), plannedFreezeDate = Day(0), mode = "fullMerger", noticeDays = 7,
            afterTheFact = new { document = "临合办〔2026〕12号", reason = "纸质账簿补录" },
            predecessors = new[] { new { code = East, name = "东坪村" }, new { code = West, name = "西坪村" } },
            successors = new[] { new { code = Merged, name = "和平村" } },
        }, Office);
        var reformId = reform.GetProperty("reformId").GetGuid();
        log.WriteLine($"Declared reform {reformId}: 东坪村 + 西坪村 → 和平村");

        var east = await EnterBooks(East, "east", [("cash", 5_000m), ("bank", 120_000m)],
            [("building", "村部办公楼", 450_000m, 90_000m), ("machinery", "抽水机组", 30_000m, 0m)], ("cropland", "东坪村集体耕地", 120m),
            [("claim", "receivable", "个体户陈某", "individual", 8_000m), ("liability", "loan", "县农商银行", "outsideUnit", 50_000m)]);
        var west = await EnterBooks(West, "west", [("bank", 80_000m)], [("building", "西坪村活动中心", 200_000m, 50_000m)], ("forest", "西坪村集体林地", 300m),
            [("liability", "payable", "县建筑公司", "outsideUnit", 12_000m)]);
        log.WriteLine($"Entered {east.Count} items for 东坪村 and {west.Count} for 西坪村");

        foreach (var village in new[] { East, West })
        foreach (var meeting in new[] { "jointCommittees", "partyMembers", "villagerRepresentatives", "villagers" })
            await client.Post($"/api/reforms/{reformId}/resolutions", new
            {
                idempotencyKey = $"demo-{village}-{meeting}", unitCode = village, meeting, heldOn = Day(-5), document = $"{village}-{meeting}-决议",
            }, Office);
        await client.Post($"/api/reforms/{reformId}/freeze", // 0:00 Beijing time on the freeze day.
            new { idempotencyKey = "demo-freeze", document = "临政发〔2026〕40号", freezeAt = $"{Day(-1)}T16:00:00Z" }, Office);
        log.WriteLine("Four meetings held in each village; all 三资 frozen");

        foreach (var (village, items) in new[] { (East, east), (West, west) })
        {
            await client.Post($"/api/units/{village}/debt-lock", new { idempotencyKey = $"demo-{village}-lock", asOf = Day(1) }, Clerk);
            foreach (var (key, id) in items)
                await client.Post($"/api/items/{id}/count", Count(village, key, Day(2)), "清产核资小组-吴组长");
        }
        await client.Post($"/api/units/{West}/inventory/surplus", new
        {
            idempotencyKey = "demo-west-surplus", category = "machinery", name = "拖拉机", quantity = 1, measureUnit = "台",
            verifiedValue = 12_000m, location = "西坪村农机棚", reason = "2019 年购置未入账", businessDate = Day(2),
        }, "清产核资小组-吴组长");
        foreach (var village in new[] { East, West })
        {
            await client.Post($"/api/units/{village}/inventory/close", new { idempotencyKey = $"demo-{village}-close", businessDate = Day(3) }, Clerk);
            await client.Post($"/api/units/{village}/notice", new
            {
                idempotencyKey = $"demo-{village}-notice", places = new[] { "村务公开栏", "县农村集体三资管理平台" },
                objectionsTo = "临河镇三资委托代理服务中心", from = Day(4),
            }, Clerk);
        }
        log.WriteLine("Debts locked, every item counted (one shortage, one surplus), results noticed");
        if (untilNotice) return;

        var objection = await client.Post($"/api/units/{East}/objections", new
        {
            idempotencyKey = "demo-objection", raisedBy = "村民代表刘某", itemId = east.Single(i => i.Key == "east-asset-0").Id,
            text = "办公楼评估价偏低", businessDate = Day(5),
        }, Clerk);
        await client.Post($"/api/units/{East}/objections/{objection.GetProperty("objectionId").GetGuid()}/resolution", new
        {
            idempotencyKey = "demo-objection-resolved", outcome = "upheld", reason = "复核后按 355,000 元确认", correctedValue = 355_000m,
            businessDate = Day(6),
        }, "镇三资中心-复核组");
        log.WriteLine("One objection upheld and corrected");

        foreach (var village in new[] { East, West })
        {
            await client.Post($"/api/units/{village}/notice/confirmation", new
            {
                idempotencyKey = $"demo-{village}-confirm", body = "membersRepresentatives", heldOn = Day(11),
                document = $"{village}-成员代表大会决议",
            }, Clerk);
            await client.Post($"/api/units/{village}/handover", new
            {
                idempotencyKey = $"demo-{village}-handover",
                parties = new[]
                {
                    new { role = "handingOver", name = "李建国", post = "原村委会主任" },
                    new { role = "receiving", name = "王志强", post = "和平村村委会主任" },
                    new { role = "supervising", name = "赵明", post = "临河镇纪委书记" },
                },
                archives = new[] { "会计凭证 2018-2026", "会计账簿", "财务报表" }, seals = new[] { "村民委员会印章", "财务专用章" },
                handoverDate = Day(12),
            }, Clerk);
            foreach (var (role, signer) in new[] { ("handingOver", "李建国"), ("receiving", "王志强"), ("supervising", "赵明") })
                await client.Post($"/api/units/{village}/handover/signatures", new { idempotencyKey = $"demo-{village}-{role}", role, businessDate = Day(12) }, signer);
        }
        log.WriteLine("Members confirmed; handover registers signed by 移交人, 接收人 and 监交人; 和平村's books are open");

        // Pages, not API addresses: a browser opening an /api address has no token and gets a 401.
        Links.AddRange([$"reforms/{reformId}", $"books/{East}", $"books/{Merged}", "leads", "verify", $"notices/{East}"]);
    }

    private static object Count(string village, string key, string countedOn) => key switch
    {
        "east-asset-0" => new { idempotencyKey = $"demo-count-{key}", result = "adjusted", verifiedValue = 350_000m, reason = "评估减值: 屋面漏水", countedOn },
        "east-asset-1" => new { idempotencyKey = $"demo-count-{key}", result = "missing", reason = "盘点未见实物", countedOn },
        _ => (object)new { idempotencyKey = $"demo-count-{village}-{key}", result = "confirmed", countedOn },
    };

    private async Task<List<(string Key, Guid Id)>> EnterBooks(string unit, string prefix, (string Kind, decimal Balance)[] accounts,
        (string Category, string Name, decimal Original, decimal Depreciation)[] assets, (string LandType, string Name, decimal Area) land,
        (string Side, string Kind, string Counterparty, string Type, decimal Amount)[] debts)
    {
        var items = new List<(string, Guid)>();
        async Task Enter(string key, string path, object body) =>
            items.Add((key, (await client.Post($"/api/units/{unit}/{path}", body, Clerk)).GetProperty("itemId").GetGuid()));

        foreach (var (a, i) in accounts.Select((a, i) => (a, i)))
            await Enter($"{prefix}-fund-{i}", "fund-accounts", new
            {
                idempotencyKey = $"demo-{prefix}-fund-{i}", kind = a.Kind, name = a.Kind == "cash" ? "库存现金" : "农商行基本户",
                bankName = a.Kind == "bank" ? "临河农商银行" : null, accountNumber = a.Kind == "bank" ? $"62280{unit}" : null, openingBalance = a.Balance,
                businessDate = Day(-10),
            });
        foreach (var (a, i) in assets.Select((a, i) => (a, i)))
            await Enter($"{prefix}-asset-{i}", "assets", new
            {
                idempotencyKey = $"demo-{prefix}-asset-{i}", category = a.Category, name = a.Name, quantity = 1, measureUnit = "项",
                originalValue = a.Original, accumulatedDepreciation = a.Depreciation, acquiredOn = "2012-03-01", location = "村部", keeper = "村会计",
                businessDate = Day(-10),
            });
        await Enter($"{prefix}-land", "resources", new
        {
            idempotencyKey = $"demo-{prefix}-land", landType = land.LandType, name = land.Name, areaMu = land.Area, location = "村北",
            boundaries = "东至河 南至路 西至山 北至渠", businessDate = Day(-10),
        });
        foreach (var (d, i) in debts.Select((d, i) => (d, i)))
            await Enter($"{prefix}-debt-{i}", "debts", new
            {
                idempotencyKey = $"demo-{prefix}-debt-{i}", side = d.Side, kind = d.Kind, counterparty = d.Counterparty, counterpartyType = d.Type,
                amount = d.Amount, document = "合同/借据", businessDate = Day(-10),
            });
        return items;
    }
}
