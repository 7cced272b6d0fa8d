using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Notices;

/// <summary>Loads a unit's objections from its stream, with the items they name.</summary>
public static class NoticeObjections
{
    public static async Task<IReadOnlyList<ObjectionLine>> LoadAsync(IQuerySession session, string code, ReportTime time, CancellationToken ct)
    {
        var events = (await session.Events.FetchStreamAsync(UnitLookups.StreamIdOf(code), token: ct)).Select(e => e.Data)
            .Where(e => e is ObjectionRaised or ObjectionResolved && Objections.Includes(time, e)).ToList();
        var ids = events.OfType<ObjectionRaised>().Select(r => r.ItemId).OfType<Guid>().Distinct().ToArray();
        var items = (await session.LoadManyAsync<Item>(ct, ids)).ToDictionary(i => i.Id);
        return Objections.Of(events, items);
    }
}
