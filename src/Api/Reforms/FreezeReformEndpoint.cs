using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Wolverine.Http;

namespace Sanzi.Api.Reforms;

public static class FreezeReformEndpoint
{
    [WolverinePost("/api/reforms/{id}/freeze")]
    public static async Task<IResult> Post(Guid id, FreezeReform command, CommandExecutor ledger, CancellationToken ct)
    {
        var answer = await ledger.Execute($"reform/{id}", command, (session, stamp) => command.Handle(session, id, stamp, ct), ct);
        return Results.Ok(answer);
    }
}
