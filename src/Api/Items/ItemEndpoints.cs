using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Wolverine.Http;

namespace Sanzi.Api.Items;

public static class ItemEndpoints
{
    [WolverineGet("/api/items/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        Results.Ok(await session.LoadAsync<Item>(id, ct) ?? throw Refused.NotFound($"Item {id} is not in the ledger."));

    [WolverinePost("/api/items/{id}/count")]
    public static async Task<IResult> Count(Guid id, CountItem command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, id, ct));
}
