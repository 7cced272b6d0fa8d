using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Wolverine.Http;

namespace Sanzi.Api.Reforms;

public static class DeclareReformEndpoint
{
    [WolverinePost("/api/reforms")]
    public static async Task<IResult> Post(DeclareReform command, CommandExecutor ledger, CancellationToken ct)
    {
        var answer = await ledger.Execute("county", command, (session, stamp) => command.Handle(session, stamp, ct), ct);
        return Results.Created($"/api/reforms/{answer.ReformId}", answer);
    }
}
