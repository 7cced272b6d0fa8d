using JasperFx.Events;
using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Wolverine.Http;
using Wolverine.Marten;

namespace Sanzi.Api.Inventory;

/// <summary>An asset found at the count (盘盈), entered at its verified value.</summary>
public static class RecordSurplusEndpoint
{
    [WolverinePost("/api/units/{code}/inventory/surplus")]
    public static async Task<(IResult, IStartStream)> Post(RecordSurplus command, string code, Stamp stamp, UnitBooks books,
        IDocumentSession session, HttpContext context, CancellationToken ct)
    {
        var unit = await books.ForWritingAsync(session, context, code, ct);
        var found = command.Decide(unit, Guid.CreateVersion7(), stamp);
        return (Answer.NewItem(found.AssetId, found.ItemCode), MartenOps.StartStream<Item>(found.AssetId, found));
    }
}

/// <summary>Closing the inventory once every item has a count.</summary>
public static class CloseInventoryEndpoint
{
    public static Guid UnitId(string code) => UnitLookups.StreamIdOf(code);

    [WolverinePost("/api/units/{code}/inventory/close")]
    public static async Task<(IResult, Events)> Post(CloseInventory command, [WriteAggregate(FromMethod = nameof(UnitId))] UnitBook unit,
        Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        var closed = command.Decide(unit, await session.ItemsOfUnitAsync(unit.Code, ct), stamp);
        return (Answer.Ok(closed), [closed]);
    }
}

/// <summary>Counting one item (清产核资).</summary>
public static class CountItemEndpoint
{
    [WolverinePost("/api/items/{id}/count")]
    public static async Task<(IResult, Events)> Post(CountItem command, [WriteAggregate] Item item, Stamp stamp,
        IDocumentSession session, UnitBooks books, HttpContext context, CancellationToken ct)
    {
        var counted = command.Decide(await books.ForWritingAsync(session, context, item, ct), item, stamp);
        return (Answer.Ok(counted), [counted]);
    }
}
