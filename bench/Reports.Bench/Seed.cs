using System.Net.Http.Json;
using Marten;
using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Resources;

namespace Sanzi.Bench;

/// <summary>
/// A township with many items, merged into another: the items and their counts are appended straight
/// through Marten in batches (the very events the commands produce, with the inline projections
/// updated in the same transactions); every step of the merger itself goes through the HTTP API.
/// </summary>
public sealed class Seed(HttpClient http, IDocumentStore store)
{
    private const int Batch = 1_000;

    public string OldUnit { get; } = "36" + Random.Shared.Next(1_000_000, 9_999_999).ToString("D7");
    public string NewUnit { get; } = "36" + Random.Shared.Next(1_000_000, 9_999_999).ToString("D7");
    public Guid ReformId { get; private set; }
    public Instant FrozenAt { get; private set; }

    public async Task RunAsync(int items)
    {
        ReformId = (await Post("/api/reforms", new
        {
            title = "基准测试：乡镇合并", approvalDocument = "基准〔2026〕1号", approvedOn = "2026-11-01", plannedFreezeDate = "2026-11-30",
            noticeDays = 0, predecessors = new[] { new { code = OldUnit, name = "旧镇" } }, successors = new[] { new { code = NewUnit, name = "新镇" } },
        })).GetProperty("reformId").GetGuid();

        var ids = await Append(Enumerable.Range(0, items).Select(Registered).ToList());
        await Post($"/api/reforms/{ReformId}/freeze", new { document = "基准冻结" });
        FrozenAt = SystemClock.Instance.GetCurrentInstant();
        await Post($"/api/units/{OldUnit}/debt-lock", new { });

        await using (var session = store.QuerySession())
        {
            var cards = await session.Query<Item>().Where(i => i.UnitCode == OldUnit).ToListAsync();
            await Append(cards.Select((c, n) => (c.Id, (object)Counted(c, n))).ToList());
        }

        await Post($"/api/units/{OldUnit}/inventory/close", new { });
        await Post($"/api/units/{OldUnit}/notice", new { places = new[] { "镇政务公开栏" }, objectionsTo = "县农业农村局" });
        await Post($"/api/units/{OldUnit}/notice/confirmation", new { body = "membersRepresentatives", heldOn = Today(), document = "决议" });
        await Post($"/api/units/{OldUnit}/handover", new
        {
            parties = new[]
            {
                new { role = "handingOver", name = "甲", post = "原镇长" }, new { role = "receiving", name = "乙", post = "新镇长" },
                new { role = "supervising", name = "丙", post = "纪委书记" },
            },
            archives = new[] { "会计档案" }, seals = new[] { "公章" },
        });
        foreach (var (role, actor) in new[] { ("handingOver", "a"), ("receiving", "b"), ("supervising", "c") })
            await Post($"/api/units/{OldUnit}/handover/signatures", new { role }, actor);
        Console.WriteLine($"seeded {ids} items in {OldUnit}, handed over to {NewUnit}");
    }

    private (Guid Id, object Event) Registered(int n)
    {
        var id = Guid.CreateVersion7();
        var stamp = Stamp();
        var code = $"BM-{n:D6}";
        object e = (n % 50) switch
        {
            0 => new FundAccountOpened(id, OldUnit, code, Ownership.State, FundKind.Bank, $"账户{n}", "农商银行", $"6228{n:D8}", HolderType.Collective, 10_000m + n, stamp),
            1 => new DebtRecorded(id, OldUnit, code, Ownership.State, n % 100 == 1 ? ItemKind.Claim : ItemKind.Liability,
                n % 100 == 1 ? DebtKind.Receivable : DebtKind.Payable, $"往来单位{n % 37}", HolderType.OutsideUnit, 5_000m + n, null, "合同", null, stamp),
            < 5 => new ResourceRegistered(id, OldUnit, code, Ownership.State, (LandType)(n % 12), $"地块{n}", 10m + n % 90, "镇北", "东至河", null, 0m, stamp),
            _ => new AssetRegistered(id, OldUnit, code, Ownership.State, (AssetCategory)(n % 10), $"资产{n}", "规格", 1, "项", 1_000m + n, n % 7 * 10m,
                new LocalDate(2015, 6, 1), "镇政府", "保管员", null, stamp),
        };
        return (id, e);
    }

    private ItemCounted Counted(Item item, int n) => (n % 200) switch
    {
        0 => new(item.Id, OldUnit, CountResult.Missing, item.BookValue, 0m, 0, "盘点未见", Stamp().BusinessDate, Stamp()),
        1 => new(item.Id, OldUnit, CountResult.Adjusted, item.BookValue, item.BookValue - 1m, null, "评估", Stamp().BusinessDate, Stamp()),
        _ => new(item.Id, OldUnit, CountResult.Confirmed, item.BookValue, item.BookValue, null, null, Stamp().BusinessDate, Stamp()),
    };

    /// <summary>In batches of a thousand streams per transaction: starting new item streams, or appending to existing ones.</summary>
    private async Task<int> Append(IReadOnlyList<(Guid Id, object Event)> events)
    {
        foreach (var chunk in events.Chunk(Batch))
        {
            await using var session = store.LightweightSession();
            foreach (var (id, e) in chunk)
                if (e is ItemCounted) session.Events.Append(id, e);
                else session.Events.StartStream<Item>(id, e);
            await session.SaveChangesAsync();
        }

        return events.Count;
    }

    private static Stamp Stamp() => new("bench", SystemClock.Instance.GetCurrentInstant(), Today());

    private static LocalDate Today() => Ledger.Common.Stamp.DayOf(SystemClock.Instance.GetCurrentInstant());

    private async Task<System.Text.Json.JsonElement> Post(string url, object body, string actor = "bench")
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body, LedgerJson.Options)!.AsObject();
        json["idempotencyKey"] = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(json) };
        request.Headers.Add("X-Actor", actor);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }
}
