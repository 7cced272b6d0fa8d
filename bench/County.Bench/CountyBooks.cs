using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Bench.County;

/// <summary>
/// Registers the county's units: the merging villages through the reform's own decision (declaring it registers
/// them), the others as the ledger registers a unit, then one township-level unit for the big-unit figures.
/// </summary>
public static class CountyBooks
{
    public static async Task<IReadOnlyList<Guid>> RegisterAsync(IDocumentStore store, IReadOnlyList<CountyUnit> villages,
        IReadOnlyList<PlannedMerger> mergers, IEnumerable<string> others, Stamp stamp)
    {
        await using var session = store.LightweightSession();
        var reforms = new List<Guid>();
        foreach (var merger in mergers)
        {
            var declare = new DeclareReform($"bench-{merger.NewCode}", $"{merger.NewName}由{merger.Villages.Count}村合并设立", "县政复〔2026〕1号",
                stamp.BusinessDate, stamp.BusinessDate.PlusDays(30),
                merger.Villages.Select(v => new Predecessor(v.Code, v.Name, merger.NewCode)).ToList(), [new Successor(merger.NewCode, merger.NewName)],
                IntegrationMode.FullMerger, DeclareReform.DefaultNoticeDays, null, null);
            var reformId = Guid.CreateVersion7();
            var events = declare.Decide(reformId, declare.Predecessors.Select(p => p.Code).Append(merger.NewCode)
                .ToDictionary(c => c, UnitBook? (_) => null), stamp);
            session.Events.StartStream<Reform>(reformId, events[0].Event);
            session.Append(events.Skip(1));
            reforms.Add(reformId);
        }

        var merging = mergers.SelectMany(m => m.Villages.Select(v => v.Code)).ToHashSet();
        foreach (var village in villages.Where(v => !merging.Contains(v.Code)))
            session.Events.StartStream<UnitBook>(StreamIds.ForUnit(village.Code), new UnitRegistered(village.Code, village.Name, UnitLevel.Village, stamp));
        foreach (var code in others)
            session.Events.StartStream<UnitBook>(StreamIds.ForUnit(code), new UnitRegistered(code, $"基准单位{code[^3..]}", DivisionCode.LevelOf(code), stamp));
        await session.SaveChangesAsync();
        return reforms;
    }

    public static Stamp Stamp(Instant now) => new("县农经站-基准", now, Ledger.Common.Stamp.DayOf(now));
}
