using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
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
public sealed class WriteBench(IServiceProvider services)
{
    private static int _township = 100_000;

    private static string NextCode() => "35" + Interlocked.Increment(ref _township).ToString("D7");

    public async Task<IReadOnlyList<TimeSpan>> RegisterAssetsThroughLedger(int n)
    {
        var (unit, _) = await DeclaredUnit();
        return await Timed(n, async i =>
        {
            using var scope = services.CreateScope();
            var ledger = scope.ServiceProvider.GetRequiredService<CommandExecutor>();
            await ledger.Execute(Asset(i), unit, CancellationToken.None);
        });
    }

    public async Task<IReadOnlyList<TimeSpan>> AppendAssetsWithRawMarten(int n)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var unit = NextCode();
        return await Timed(n, async i =>
        {
            await using var session = store.LightweightSession();
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Item>(id, Registered(id, unit, i));
            await session.SaveChangesAsync();
        });
    }

    /// <summary>Seeds a unit with counted items straight through Marten, takes it to a signed-by-two register, then times the third signature.</summary>
    public async Task<(TimeSpan Ledger, TimeSpan Raw)> Handover(int items)
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

        await Run(reformId, new FreezeReform(Key(), null, "闽政发〔2026〕1号", null));
        await Run(unit, new LockDebts(Key(), null, null));
        await Run(unit, new CloseInventory(Key(), null, null));
        // State assets (国有资产) only: the reform's 0 notice days stand, the county's floor being for collective assets.
        var notice = new PublishNotice(Key(), null, ["公开栏"], "镇三资中心", null);
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<CommandExecutor>().Execute(unit, notice,
                (s, stamp) => notice.Handle(s, unit, new NoticeRules(), stamp, CancellationToken.None), CancellationToken.None);
        await Run(unit, new ConfirmResults(Key(), "membersAssembly", Stamp.DayOf(SystemClock.Instance.GetCurrentInstant()), "决议", null));
        await Run(unit, new DraftHandover(Key(), null,
            new[] { "handingOver", "receiving", "supervising" }.Select(r => new PartyInput(r, r, "职务")).ToList(), ["账簿"], [], null, null, null));
        // The three parties must be three people; the bench signs as one actor, so two signatures go in raw.
        await using (var session = store.LightweightSession())
        {
            var book = await session.LoadAsync<Sanzi.Ledger.Units.UnitBook>(StreamIds.ForUnit(unit));
            session.Events.Append(book!.Id, new HandoverSigned(unit, book.Handover!.HandoverId, HandoverRole.HandingOver, "a", stamp),
                new HandoverSigned(unit, book.Handover.HandoverId, HandoverRole.Receiving, "b", stamp));
            await session.SaveChangesAsync();
        }

        var ledger = Stopwatch.StartNew();
        await Run(unit, new SignHandover(Key(), "supervising", null));
        ledger.Stop();

        var ids = Enumerable.Range(0, items).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var session = store.LightweightSession())
        {
            foreach (var id in ids) session.Events.StartStream(id, Registered(id, "raw", 0));
            await session.SaveChangesAsync();
        }
        var raw = Stopwatch.StartNew();
        await using (var session = store.LightweightSession())
        {
            foreach (var id in ids) session.Events.Append(id, new ItemTransferred(id, Guid.Empty, "raw", "raw2", "raw2", 1m, stamp));
            await session.SaveChangesAsync();
        }
        raw.Stop();
        return (ledger.Elapsed, raw.Elapsed);
    }

    private async Task<(string Unit, Guid ReformId)> DeclaredUnit()
    {
        var unit = NextCode();
        using var scope = services.CreateScope();
        var ledger = scope.ServiceProvider.GetRequiredService<CommandExecutor>();
        var declare = new DeclareReform(Key(), "撤并", "闽政复〔2026〕1号", new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30),
            [new PredecessorInput(unit, "旧乡", null)], [new SuccessorInput(NextCode(), "新镇")], null, 0, null, null);
        var declared = await ledger.Execute("county", declare, (s, stamp) => declare.Handle(s, stamp, CancellationToken.None), CancellationToken.None);
        return (unit, declared.ReformId);
    }

    private async Task Run<TTarget, TAnswer>(TTarget target, ILedgerCommand<TTarget, TAnswer> command) where TTarget : notnull
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<CommandExecutor>().Execute(command, target, CancellationToken.None);
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

    private static RegisterAsset Asset(int i) =>
        new(Key(), $"ZC-{i:D6}", "state", "officeEquipment", $"办公设备 {i}", null, 1, "台", 4_800m + i % 100, 0m, new LocalDate(2020, 1, 1), "乡政府",
            null, null, null);

    private static AssetRegistered Registered(Guid id, string unit, int i) =>
        new(id, unit, $"ZC-{i:D6}", Ownership.State, AssetCategory.OfficeEquipment, $"办公设备 {i}", null, 1, "台", 4_800m + Math.Abs(i) % 100, 0m,
            new LocalDate(2020, 1, 1), "乡政府", null, null,
            new Stamp("bench-clerk", SystemClock.Instance.GetCurrentInstant(), Stamp.DayOf(SystemClock.Instance.GetCurrentInstant())));
}
