using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Wolverine.Http;

namespace Sanzi.Api.Units;

public static class UnitEndpoints
{
    /// <summary>
    /// A unit's books, found by any code it has had: where it stands in its merger, its code history, and every item
    /// it holds with totals per book and category.
    /// </summary>
    [WolverineGet("/api/units/{code}")]
    public static async Task<IResult> Get(string code, IQuerySession session, CancellationToken ct)
    {
        var unit = await session.UnitAsync(code, ct);
        var items = new List<Item>();
        foreach (var known in unit.Codes) items.AddRange(await session.ItemsOfUnitAsync(known, ct));
        return Results.Ok(new UnitView(unit, unit.Stage, UnitItems.Totals(items.Where(i => i.IsHeld)), items));
    }
}

public sealed record UnitView(UnitBook Unit, UnitStage Stage, IReadOnlyList<Ledger.Inventory.CategoryTotal> Totals, IReadOnlyList<Item> Items);
