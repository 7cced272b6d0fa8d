using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Wolverine.Http;

namespace Sanzi.Api.Units;

public static class UnitEndpoints
{
    /// <summary>A unit's books: where it stands in its merger, and every item it holds with totals per category.</summary>
    [WolverineGet("/api/units/{code}")]
    public static async Task<IResult> Get(string code, IQuerySession session, CancellationToken ct)
    {
        var unit = await session.UnitAsync(code, ct);
        var items = await session.ItemsOfUnitAsync(code, ct);
        return Results.Ok(new UnitView(unit, unit.Stage, UnitItems.Totals(items.Where(i => i.IsHeld)), items));
    }
}

public sealed record UnitView(UnitBook Unit, UnitStage Stage, IReadOnlyList<Ledger.Inventory.CategoryTotal> Totals, IReadOnlyList<Item> Items);
