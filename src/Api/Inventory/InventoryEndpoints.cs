using Sanzi.Api.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;
using Wolverine.Http;

namespace Sanzi.Api.Inventory;

public static class InventoryEndpoints
{
    [WolverinePost("/api/units/{code}/inventory/surplus")]
    public static async Task<IResult> Surplus(string code, RecordSurplus command, CommandExecutor ledger, CancellationToken ct) =>
        AssetEndpoints.Created(await ledger.Execute(command, code, ct));

    [WolverinePost("/api/units/{code}/inventory/close")]
    public static async Task<IResult> Close(string code, CloseInventory command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, code, ct));
}
