using Sanzi.Ledger.Common;
using Sanzi.Ledger.Handovers;
using Wolverine.Http;

namespace Sanzi.Api.Handovers;

public static class HandoverEndpoints
{
    [WolverinePost("/api/units/{code}/handover")]
    public static async Task<IResult> Draft(string code, DraftHandover command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, code, ct));

    [WolverinePost("/api/units/{code}/handover/signatures")]
    public static async Task<IResult> Sign(string code, SignHandover command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, code, ct));
}
