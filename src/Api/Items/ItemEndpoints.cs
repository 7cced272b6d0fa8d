using Marten;
using Sanzi.Api.Trace;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Wolverine.Http;

namespace Sanzi.Api.Items;

public static class ItemEndpoints
{
    [WolverineGet("/api/items/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        Results.Ok(await session.LoadAsync<Item>(id, ct) ?? throw Refused.NotFound($"Item {id} is not in the ledger."));

    /// <summary>
    /// An item's history for everyone who may read its books, the clerk of its unit included (the books page
    /// shows it): the steps of the inspectors' trace of the same item.
    /// </summary>
    [WolverineGet("/api/items/{id}/history")]
    public static Task<IResult> History(Guid id, IQuerySession session, CancellationToken ct) => TraceEndpoints.Item(id, session, ct);
}
