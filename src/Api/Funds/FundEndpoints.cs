using Sanzi.Api.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Wolverine.Http;

namespace Sanzi.Api.Funds;

public static class FundEndpoints
{
    [WolverinePost("/api/units/{code}/fund-accounts")]
    public static async Task<IResult> Open(string code, OpenFundAccount command, CommandExecutor ledger, CancellationToken ct) =>
        AssetEndpoints.Created(await ledger.Execute(command, code, ct));

    [WolverinePost("/api/fund-accounts/{id}/receipts")]
    public static async Task<IResult> Receipt(Guid id, RecordReceipt command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, id, ct));

    [WolverinePost("/api/fund-accounts/{id}/payments")]
    public static async Task<IResult> Payment(Guid id, RecordPayment command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, id, ct));
}
