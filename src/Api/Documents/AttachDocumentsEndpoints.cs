using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Documents;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Wolverine.Http;
using Wolverine.Marten;

namespace Sanzi.Api.Documents;

/// <summary>Attaching documents to an exception (特批) after it was granted: the reform office's scan of the approval.</summary>
public static class AttachToExceptionEndpoint
{
    [WolverinePost("/api/reforms/{id}/exceptions/{exceptionId}/documents")]
    public static (IResult, Events) Post(AttachDocuments command, Guid exceptionId, [WriteAggregate] Reform reform, Stamp stamp)
    {
        var attached = command.Decide(reform, exceptionId, stamp);
        return (Answer.Ok(attached), [attached]);
    }
}

/// <summary>Attaching documents to an item's entry (a payment, disposal or write-off) after it was recorded.</summary>
public static class AttachToItemEndpoint
{
    [WolverinePost("/api/items/{id}/documents")]
    public static async Task<(IResult, Events)> Post(AttachDocuments command, [WriteAggregate] Item item, Stamp stamp, IDocumentSession session,
        CancellationToken ct)
    {
        var onStream = command.Sequence is { } sequence
                       && await session.Events.QueryAllRawEvents().AnyAsync(e => e.Sequence == sequence && e.StreamId == item.Id, ct);
        var attached = command.Decide(item, onStream, stamp);
        return (Answer.Ok(attached), [attached]);
    }
}
