using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Wolverine.Http;

namespace Sanzi.Api.Assets;

public static class DisposeAssetEndpoint
{
    [WolverinePost("/api/assets/{id}/disposal")]
    public static async Task<IResult> Post(Guid id, DisposeAsset command, CommandExecutor ledger, CancellationToken ct)
    {
        var answer = await ledger.Execute($"asset/{id}", command, (session, stamp) => command.Handle(session, id, stamp, ct), ct);
        return Results.Ok(answer);
    }
}
