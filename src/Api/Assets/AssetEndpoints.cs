using JasperFx.Events;
using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Catalog;
using Wolverine.Http;
using Wolverine.Marten;

namespace Sanzi.Api.Assets;

/// <summary>Entering an asset (资产登记): the unit's books decide, the asset starts a stream of its own.</summary>
public static class RegisterAssetEndpoint
{
    [WolverinePost("/api/units/{code}/assets")]
    public static async Task<(IResult, IStartStream)> Post(RegisterAsset command, string code, Stamp stamp, UnitBooks books,
        IDocumentSession session, HttpContext context, CancellationToken ct)
    {
        var unit = await books.ForWritingAsync(session, context, code, ct);
        var registered = command.Decide(unit, Guid.CreateVersion7(), stamp);
        return (Answer.NewItem(registered.AssetId, registered.ItemCode), MartenOps.StartStream<Item>(registered.AssetId, registered));
    }
}

/// <summary>Disposing of an asset (处置) under a resolution; after the freeze only with a disposal exception.</summary>
public static class DisposeAssetEndpoint
{
    [WolverinePost("/api/assets/{id}/disposal")]
    public static async Task<(IResult, Events)> Post(DisposeAsset command, [WriteAggregate] Item asset, Stamp stamp,
        IDocumentSession session, UnitBooks books, HttpContext context, CancellationToken ct)
    {
        var unit = await books.ForWritingAsync(session, context, asset, ct);
        var disposed = command.Decide(unit, asset, await session.ExceptionAsync(unit, command.ExceptionId, ct), stamp);
        return (Answer.Ok(new ItemPosition(asset.Id, unit.Code, asset.Value, ItemStatus.Disposed)), [disposed]);
    }
}

public static class AssetEndpoints
{
    /// <summary>The unit's asset catalog (账册目录), in item-code order.</summary>
    [WolverineGet("/api/units/{code}/assets")]
    public static async Task<IResult> Catalog(string code, IQuerySession session, CancellationToken ct) =>
        Results.Ok(await AssetCatalog.LoadAsync(session, code, ct));
}
