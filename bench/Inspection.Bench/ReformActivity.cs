using Marten;
using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Bench.Inspection;

/// <summary>
/// A year of clean books of three villages merging into one, written through Marten sessions as the ledger
/// writes them (hashed by the writer, inline documents built): small bank payments to each village's own
/// suppliers and to the utilities every village pays, receipts, assets and debts, business-dated through about
/// 300 days, in commits of ten as clerks enter them. Clean, so the rules run their full course and find little.
/// </summary>
public sealed class ReformActivity(IDocumentStore store, string township, int size)
{
    /// <summary>Paid by every village, and in the county's register as utilities.</summary>
    public static readonly string[] Utilities = ["国网供电公司", "中国电信营业厅", "自来水公司"];

    private static readonly string[] Purposes = ["办公用品", "水电费", "道路维修", "保洁服务", "绿化养护", "网络费"];
    private readonly int _suppliers = Math.Max(50, size / 20);
    private readonly int _perDay = Math.Max(1, size / 300);
    private readonly Random _random = new(20261129);
    private readonly List<(string Unit, FundKind Kind, Guid Account)> _accounts = [];
    private readonly Instant _now = SystemClock.Instance.GetCurrentInstant();
    private int _written;

    public IReadOnlyList<string> Villages { get; } = [.. Enumerable.Range(1, 3).Select(i => $"{township}{200 + i:D3}")];

    /// <summary>The plan naming the three villages and their successor, and two accounts each.</summary>
    public async Task DeclareAsync()
    {
        var stamp = Stamp(new LocalDate(2025, 1, 1));
        var reform = new DeclareReform("bench-" + township, $"{township}合村并组", "县政发〔2025〕1号", new LocalDate(2025, 1, 1),
            new LocalDate(2026, 3, 1), [.. Villages.Select((v, i) => new Predecessor(v, $"基准{i + 1}村", township + "299"))],
            [new Successor(township + "299", "基准新村")], IntegrationMode.FullMerger, 7, null, null);
        await using var session = Session();
        foreach (var e in reform.Decide(Guid.CreateVersion7(), reform.UnitCodes.ToDictionary(c => c, _ => (UnitBook?)null), stamp))
            session.Events.Append(e.StreamId, e.Event);
        foreach (var unit in Villages)
        foreach (var kind in new[] { FundKind.Cash, FundKind.Bank })
        {
            var id = Guid.CreateVersion7();
            _accounts.Add((unit, kind, id));
            session.Events.StartStream<Item>(id, new FundAccountOpened(id, unit, $"ZJ-{kind}", Ownership.Collective, kind, kind == FundKind.Cash ? "库存现金" : "基本户",
                kind == FundKind.Bank ? "农商银行" : null, kind == FundKind.Bank ? "6228" + unit : null, HolderType.Collective, kind == FundKind.Cash ? 1_000m : 5_000_000m, stamp));
        }
        await session.SaveChangesAsync();
    }

    /// <summary>About <paramref name="events"/> more events, business-dated on from where the last call ended, in commits of about ten.</summary>
    public async Task WriteAsync(int events)
    {
        foreach (var commit in Enumerable.Range(0, events).Chunk(10))
        {
            await using var session = Session();
            foreach (var _ in commit) Next(session);
            await session.SaveChangesAsync();
        }
    }

    private void Next(IDocumentSession session)
    {
        var n = _written++;
        var day = new LocalDate(2025, 1, 2).PlusDays(n / _perDay);
        var stamp = Stamp(day);
        var (unit, _, account) = _accounts.Where(a => a.Kind == FundKind.Bank).ElementAt(_random.Next(3));
        var roll = _random.Next(10);
        var payee = roll == 0 ? Utilities[_random.Next(Utilities.Length)] : $"{unit}供应商{_random.Next(_suppliers):D4}";
        if (roll < 5)
            session.Events.Append(account, new PaymentRecorded(account, unit, 50m + _random.Next(200), new Payee(payee,
                    HolderType.OutsideUnit, null), Purposes[_random.Next(Purposes.Length)], "541", $"付{n}",
                new Approval("村主任", "村委会会议纪要〔2025〕1号", day.AtStartOfDayInZone(Ledger.Common.Stamp.Zone).ToInstant()), null, null, stamp));
        else if (roll < 7)
            session.Events.Append(account, new ReceiptRecorded(account, unit, 500m + _random.Next(5_000), "镇财政所", HolderType.Collective, "转移支付", "511", $"收{n}", stamp));
        else if (roll < 9)
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Item>(id, new AssetRegistered(id, unit, $"ZC-{n:D7}", Ownership.Collective, AssetCategory.OfficeEquipment,
                $"办公设备{n}", null, 1, "台", 3_000m + _random.Next(3_000), 0m, day, "村委会", null, null, stamp));
        }
        else
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<Item>(id, new DebtRecorded(id, unit, $"ZW-{n:D7}", Ownership.Collective, ItemKind.Liability, DebtKind.Payable,
                payee, HolderType.OutsideUnit, 1_000m + _random.Next(9_000), null, $"合同{n}", null, stamp));
        }
    }

    private Stamp Stamp(LocalDate day) => new("基准会计", _now, day);

    private IDocumentSession Session()
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = "基准会计";
        session.SetHeader("role", "township-clerk");
        return session;
    }
}
