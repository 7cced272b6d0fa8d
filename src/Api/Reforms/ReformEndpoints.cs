using JasperFx.Events;
using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Wolverine.Http;
using Wolverine.Marten;

namespace Sanzi.Api.Reforms;

/// <summary>
/// Declaring a reform starts its stream and registers or enrols every unit it names, under each unit's
/// version guard, so this handler fetches and appends to all those streams itself.
/// </summary>
public static class DeclareReformEndpoint
{
    [WolverinePost("/api/reforms")]
    public static async Task<IResult> Post(DeclareReform command, Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        var units = new Dictionary<string, UnitBook?>();
        foreach (var code in command.UnitCodes)
            units[code] = (await session.Events.FetchForWriting<UnitBook>(StreamIds.ForUnit(code), ct)).Aggregate;

        var reformId = Guid.CreateVersion7(stamp.RecordedAt.ToDateTimeOffset());
        var events = command.Decide(reformId, units, stamp);
        session.Events.StartStream<Reform>(reformId, events[0].Event);
        session.Append(events.Skip(1));
        return Answer.Created($"/api/reforms/{reformId}", new ReformDeclaration(reformId));
    }
}

/// <summary>One of an old village's four meetings (四个会).</summary>
public static class RecordResolutionEndpoint
{
    [WolverinePost("/api/reforms/{id}/resolutions")]
    public static (IResult, Events) Post(RecordResolution command, [WriteAggregate] Reform reform, Stamp stamp)
    {
        var recorded = command.Decide(reform, stamp);
        return (Answer.Ok(recorded), [recorded]);
    }
}

/// <summary>An exception approval (特批) for one movement of a frozen unit.</summary>
public static class ApproveExceptionEndpoint
{
    [WolverinePost("/api/reforms/{id}/exceptions")]
    public static (IResult, Events) Post(ApproveException command, [WriteAggregate] Reform reform, Stamp stamp)
    {
        var approved = command.Decide(reform, Guid.CreateVersion7(), stamp);
        return (Answer.Created($"/api/reforms/{reform.Id}", approved), [approved]);
    }
}

/// <summary>The freeze (冻结) writes the reform's stream and every old unit's, so this handler appends to them itself.</summary>
public static class FreezeReformEndpoint
{
    [WolverinePost("/api/reforms/{id}/freeze")]
    public static async Task<IResult> Post(FreezeReform command, Guid id, Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        var reform = (await session.Events.FetchForWriting<Reform>(id, ct)).Aggregate
                     ?? throw Refused.NotFound($"Reform {id} is not in the ledger.");
        foreach (var p in reform.Predecessors)
            await session.Events.FetchForWriting<UnitBook>(StreamIds.ForUnit(p.Code), ct);
        var events = command.Decide(reform, stamp);
        session.Append(events);
        var frozen = (ReformFrozen)events[0].Event;
        return Answer.Ok(new ReformFreeze(id, frozen.FreezeAt, reform.Predecessors.Select(p => p.Code).ToList()));
    }
}

public static class ReformEndpoints
{
    /// <summary>The reform with the stage each old and new unit has reached.</summary>
    [WolverineGet("/api/reforms/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var reform = await session.LoadAsync<Reform>(id, ct) ?? throw Refused.NotFound($"Reform {id} is not in the ledger.");
        var codes = reform.Predecessors.Select(p => p.Code).Concat(reform.Successors.Select(s => s.Code)).ToList();
        var units = await session.LoadManyAsync<UnitBook>(ct, codes.Select(StreamIds.ForUnit));
        return Results.Ok(new ReformView(reform, units.Select(u => new ReformUnit(u.Code, u.Name, u.Stage)).ToList()));
    }
}

public sealed record ReformUnit(string Code, string Name, UnitStage Stage);

public sealed record ReformView(Reform Reform, IReadOnlyList<ReformUnit> Units);
