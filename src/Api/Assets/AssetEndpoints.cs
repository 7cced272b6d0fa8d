using Marten;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Wolverine.Http;

namespace Sanzi.Api.Assets;

public static class AssetEndpoints
{
    [WolverinePost("/api/units/{code}/assets")]
    public static async Task<IResult> Register(string code, RegisterAsset command, CommandExecutor ledger, CancellationToken ct) =>
        Created(await ledger.Execute(command, code, ct));

    [WolverinePost("/api/assets/{id}/disposal")]
    public static async Task<IResult> RecordDisposal(Guid id, DisposeAsset command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, id, ct));

    /// <summary>The unit's asset catalog (账册目录), in item-code order.</summary>
    [WolverineGet("/api/units/{code}/assets")]
    public static async Task<IResult> Catalog(string code, IQuerySession session, CancellationToken ct)
    {
        await session.UnitAsync(code, ct);
        var items = (await session.ItemsOfUnitAsync(code, ct)).Where(i => i.Kind == ItemKind.Asset).ToList();
        var held = items.Where(i => i.IsHeld).ToList();
        return Results.Ok(new AssetCatalog(code, held.Count, held.Sum(x => x.Value), items));
    }

    /// <summary>201 with the new item's address, for every command that enters an item.</summary>
    public static IResult Created(ItemRegistration registration) => Results.Created($"/api/items/{registration.ItemId}", registration);
}

/// <summary>A unit's asset catalog: its items with the count and net value of those it still holds.</summary>
public sealed record AssetCatalog(string UnitCode, int Count, decimal TotalNetValue, IReadOnlyList<Item> Items);
