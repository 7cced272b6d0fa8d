using JasperFx.Events;
using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Resources;
using Sanzi.Ledger.Units;
using Wolverine.Http;
using Wolverine.Marten;

namespace Sanzi.Api.Resources;

/// <summary>Entering a land or natural resource (资源登记).</summary>
public static class RegisterResourceEndpoint
{
    [WolverinePost("/api/units/{code}/resources")]
    public static async Task<(IResult, IStartStream)> Post(RegisterResource command, string code, Stamp stamp, UnitBooks books,
        IDocumentSession session, HttpContext context, CancellationToken ct)
    {
        var unit = await books.ForWritingAsync(session, context, code, ct);
        var registered = command.Decide(unit, Guid.CreateVersion7(), stamp);
        return (Answer.NewItem(registered.ResourceId, registered.ItemCode), MartenOps.StartStream<Item>(registered.ResourceId, registered));
    }
}

/// <summary>Letting a resource by contract or lease (承包/租赁).</summary>
public static class ContractResourceEndpoint
{
    [WolverinePost("/api/resources/{id}/contracts")]
    public static async Task<(IResult, Events)> Post(ContractResource command, [WriteAggregate] Item resource, Stamp stamp,
        IDocumentSession session, UnitBooks books, HttpContext context, CancellationToken ct)
    {
        var contracted = command.Decide(await books.ForWritingAsync(session, context, resource, ct), resource, stamp);
        return (Answer.Ok(new ItemPosition(resource.Id, resource.UnitCode, resource.Value, resource.Status)), [contracted]);
    }
}
