using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Wolverine.Http;

namespace Sanzi.Api.Assets;

public static class RegisterAssetEndpoint
{
    [WolverinePost("/api/units/{code}/assets")]
    public static async Task<IResult> Post(string code, RegisterAsset command, CommandExecutor ledger, CancellationToken ct)
    {
        var answer = await ledger.Execute($"unit/{code}", command, (session, stamp) => command.Handle(session, code, stamp, ct), ct);
        return Results.Created($"/api/units/{code}/assets/{answer.AssetId}", answer);
    }
}
