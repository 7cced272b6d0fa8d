using Sanzi.Api.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Wolverine.Http;

namespace Sanzi.Api.Debts;

public static class DebtEndpoints
{
    [WolverinePost("/api/units/{code}/debts")]
    public static async Task<IResult> Record(string code, RecordDebt command, CommandExecutor ledger, CancellationToken ct) =>
        AssetEndpoints.Created(await ledger.Execute(command, code, ct));

    [WolverinePost("/api/debts/{id}/increases")]
    public static async Task<IResult> Increase(Guid id, IncreaseDebt command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, id, ct));

    [WolverinePost("/api/debts/{id}/reductions")]
    public static async Task<IResult> Reduce(Guid id, ReduceDebt command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, id, ct));

    [WolverinePost("/api/units/{code}/debt-lock")]
    public static async Task<IResult> Lock(string code, LockDebts command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, code, ct));
}
