using Sanzi.Api.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Resources;
using Wolverine.Http;

namespace Sanzi.Api.Resources;

public static class ResourceEndpoints
{
    [WolverinePost("/api/units/{code}/resources")]
    public static async Task<IResult> Register(string code, RegisterResource command, CommandExecutor ledger, CancellationToken ct) =>
        AssetEndpoints.Created(await ledger.Execute(command, code, ct));

    [WolverinePost("/api/resources/{id}/contracts")]
    public static async Task<IResult> Contract(Guid id, ContractResource command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, id, ct));
}
