using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Wolverine.Http;

namespace Sanzi.Api.Items;

public static class ItemEndpoints
{
    [WolverineGet("/api/items/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        Results.Ok(await session.LoadAsync<Item>(id, ct) ?? throw Refused.NotFound($"Item {id} is not in the ledger."));
}
