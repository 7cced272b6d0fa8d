using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;

namespace Sanzi.Api.Commands;

/// <summary>
/// What a command endpoint answers: a status, the JSON body and, for something new, its address. The
/// idempotency receipt keeps exactly this, so a retry gets the same answer back.
/// </summary>
public sealed record Answer(int Status, object Body, string? Location = null) : IResult
{
    public static Answer Ok(object body) => new(StatusCodes.Status200OK, body);

    public static Answer Created(string location, object body) => new(StatusCodes.Status201Created, body, location);

    /// <summary>201 with the new item's card address, for every command that enters an item.</summary>
    public static Answer NewItem(Guid itemId, string itemCode) => Created($"/api/items/{itemId}", new ItemRegistration(itemId, itemCode));

    public Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        if (Location is not null) context.Response.Headers.Location = Location;
        return context.Response.WriteAsJsonAsync(Body, Body.GetType(), LedgerJson.Answers, context.RequestAborted);
    }
}
