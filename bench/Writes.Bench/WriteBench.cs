using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sanzi.Api.Identity;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Reforms;

namespace Sanzi.Bench.Writes;

/// <summary>Each figure is taken twice: through the ledger's command path, and by raw Marten appending the same events.</summary>
public sealed class WriteBench(IServiceProvider services, HttpClient http)
{
    private static int _township = 100_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _tokens = new();

    private static string NextCode() => "35" + Interlocked.Increment(ref _township).ToString("D7");

    /// <summary>
    /// Records <paramref name="n"/> assets one request each through the ledger and <paramref name="n"/> by raw Marten
    /// <c>StartStream</c>, one transaction each, taking turns: on a shared machine the load moves within seconds, and
    /// timing the two one after the other made their ratio depend on it.
    /// </summary>
    public async Task<(IReadOnlyList<TimeSpan> Ledger, IReadOnlyList<TimeSpan> Raw)> RegisterAssets(int n)
    {
        var (unit, _) = await DeclaredUnit();
        var store = services.GetRequiredService<IDocumentStore>();
        var rawUnit = NextCode();
        var times = await Timed(2 * n, i => i % 2 == 0 ? Post($"/api/units/{unit}/assets", Asset(i / 2)) : AppendRaw(i / 2));
        return (times.Where((_, i) => i % 2 == 0).ToList(), times.Where((_, i) => i % 2 == 1).ToList());

        async Task AppendRaw(int i)
        {
            await using var session = store.LightweightSession();
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Item>(id, Registered(id, rawUnit, i));
            await session.SaveChangesAsync();
        }
    }

    /// <summary>
    /// The third signature of a unit of <paramref name="items"/> beside raw Marten appending the same events, each timed after a
    /// smaller run of the same: a running ledger has handed over before, and a process's first signature also pays the JIT of
    /// its whole path (thousands of methods compiled while it runs), as raw Marten's first append pays its own.
    /// </summary>
    public async Task<(TimeSpan Ledger, TimeSpan Raw)> Handover(int items)
    {
        var warmUp = Math.Min(items, 500);
        await SignedHandover(warmUp);
        await RawTransfers(warmUp);
        return (await SignedHandover(items), await RawTransfers(items));
    }

    /// <summary>Seeds a unit with counted items straight through Marten, takes it to a signed-by-two register, then times the third signature.</summary>
    private async Task<TimeSpan> SignedHandover(int items)
    {
        var (unit, reformId) = await DeclaredUnit();
        var store = services.GetRequiredService<IDocumentStore>();
        var stamp = new Stamp("bench-clerk", SystemClock.Instance.GetCurrentInstant(), Stamp.DayOf(SystemClock.Instance.GetCurrentInstant()));
        foreach (var batch in Enumerable.Range(0, items).Chunk(1_000))
        {
            await using var session = store.LightweightSession();
            foreach (var i in batch)
            {
                var id = Guid.CreateVersion7();
                var registered = Registered(id, unit, i);
                session.Events.StartStream<Item>(id, registered,
                    new ItemCounted(id, unit, CountResult.Confirmed, registered.NetValue, registered.NetValue, 1, null, stamp.BusinessDate, stamp));
            }
            await session.SaveChangesAsync();
        }

        await Post($"/api/reforms/{reformId}/freeze", new { idempotencyKey = Key(), document = "闽政发〔2026〕1号" });
        await Post($"/api/units/{unit}/debt-lock", new { idempotencyKey = Key() });
        await Post($"/api/units/{unit}/inventory/close", new { idempotencyKey = Key() });
        // State assets (国有资产) only: the reform's 0 notice days stand, the county's floor being for collective assets.
        await Post($"/api/units/{unit}/notice", new { idempotencyKey = Key(), places = new[] { "公开栏" }, objectionsTo = "镇三资中心" });
        await Post($"/api/units/{unit}/notice/confirmation", new
        {
            idempotencyKey = Key(), body = "partyCommittee", heldOn = Stamp.DayOf(SystemClock.Instance.GetCurrentInstant()).ToString("yyyy-MM-dd", null),
            document = "决议", filing = new { filedWith = "县财政局", document = "财备〔2026〕1号" },
        });
        await Post($"/api/units/{unit}/handover", new
        {
            idempotencyKey = Key(), archives = new[] { "账簿" }, seals = Array.Empty<string>(),
            // Three people; the supervising one signs through the API below as the bench's own actor.
            parties = new[] { ("handingOver", "a"), ("receiving", "b"), ("supervising", "bench-clerk") }.Select(p => new { role = p.Item1, name = p.Item2, post = "职务" }),
            transfer = new { mode = "freeTransfer", document = "财资〔2026〕31号" },
        });
        // The three parties must be three people; the bench signs as one actor, so two signatures go in raw.
        await using (var session = store.LightweightSession())
        {
            var book = await session.LoadAsync<Sanzi.Ledger.Units.UnitBook>(StreamIds.ForUnit(unit));
            session.Events.Append(book!.Id, new HandoverSigned(unit, book.Handover!.HandoverId, HandoverRole.HandingOver, "a", stamp),
                new HandoverSigned(unit, book.Handover.HandoverId, HandoverRole.Receiving, "b", stamp));
            await session.SaveChangesAsync();
        }

        await CaughtUp();
        var ledger = Stopwatch.StartNew();
        await Post($"/api/units/{unit}/handover/signatures", new { idempotencyKey = Key(), role = "supervising" });
        return ledger.Elapsed;
    }

    /// <summary>Raw Marten appending a transfer to each of <paramref name="items"/> streams in one session, timed.</summary>
    private async Task<TimeSpan> RawTransfers(int items)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var stamp = new Stamp("bench-clerk", SystemClock.Instance.GetCurrentInstant(), Stamp.DayOf(SystemClock.Instance.GetCurrentInstant()));
        var ids = Enumerable.Range(0, items).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var session = store.LightweightSession())
        {
            foreach (var id in ids) session.Events.StartStream(id, Registered(id, "raw", 0));
            await session.SaveChangesAsync();
        }
        await CaughtUp();
        var raw = Stopwatch.StartNew();
        await using (var session = store.LightweightSession())
        {
            foreach (var id in ids) session.Events.Append(id, new ItemTransferred(id, Guid.Empty, "raw", "raw2", "raw2", 1m, stamp));
            await session.SaveChangesAsync();
        }
        return raw.Elapsed;
    }

    /// <summary>
    /// The async projections caught up with what the bench seeded (20,000 events for a 10,000-item unit), so that the daemon folding
    /// them does not share the two cores with the statements timed.
    /// </summary>
    private Task CaughtUp() => services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(5));

    private async Task<(string Unit, Guid ReformId)> DeclaredUnit()
    {
        var unit = NextCode();
        var declared = await Post("/api/reforms", new
        {
            idempotencyKey = Key(), title = "撤并", approvalDocument = "闽政复〔2026〕1号", approvedOn = "2026-11-01", plannedFreezeDate = "2026-11-30",
            noticeDays = 0, predecessors = new[] { new { code = unit, name = "旧乡" } }, successors = new[] { new { code = NextCode(), name = "新镇" } },
        });
        return (unit, declared.GetProperty("reformId").GetGuid());
    }

    /// <summary>One command through the API as a client sends it; anything but success stops the bench.</summary>
    private async Task<JsonElement> Post(string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        // A token as `-- token` prints it, in the first role the access table allows for the endpoint; a client keeps its
        // token for its session, so it is issued once per role, not timed with every request.
        var role = AccessTable.Match("POST", url)?.Roles.FirstOrDefault() ?? Roles.ReformOffice;
        var token = _tokens.GetOrAdd(role, r => services.GetRequiredService<TokenIssuer>().Issue("bench-clerk", r, ["35"], Duration.FromHours(2)));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<IReadOnlyList<TimeSpan>> Timed(int n, Func<int, Task> action)
    {
        for (var i = 0; i < 20; i++) await action(-1 - i);
        var times = new List<TimeSpan>(n);
        for (var i = 0; i < n; i++)
        {
            var sw = Stopwatch.StartNew();
            await action(i);
            times.Add(sw.Elapsed);
        }
        return times;
    }

    private static string Key() => Guid.NewGuid().ToString("N");

    private static object Asset(int i) => new
    {
        idempotencyKey = Key(), itemCode = $"ZC-{i:D6}", ownership = "state", category = "officeEquipment", name = $"办公设备 {i}", quantity = 1,
        measureUnit = "台", originalValue = 4_800m + Math.Abs(i) % 100, acquiredOn = "2020-01-01", location = "乡政府",
    };

    private static AssetRegistered Registered(Guid id, string unit, int i) =>
        new(id, unit, $"ZC-{i:D6}", Ownership.State, AssetCategory.OfficeEquipment, $"办公设备 {i}", null, 1, "台", 4_800m + Math.Abs(i) % 100, 0m,
            new LocalDate(2020, 1, 1), "乡政府", null, null,
            new Stamp("bench-clerk", SystemClock.Instance.GetCurrentInstant(), Stamp.DayOf(SystemClock.Instance.GetCurrentInstant())));
}
