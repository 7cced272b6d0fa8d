using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Wolverine.Http;

namespace Sanzi.Api.Reforms;

public static class ReformEndpoints
{
    [WolverinePost("/api/reforms")]
    public static async Task<IResult> Declare(DeclareReform command, CommandExecutor ledger, CancellationToken ct)
    {
        var answer = await ledger.Execute("county", command, (s, stamp) => command.Handle(s, stamp, ct), ct);
        return Results.Created($"/api/reforms/{answer.ReformId}", answer);
    }

    [WolverinePost("/api/reforms/{id}/resolutions")]
    public static async Task<IResult> RecordResolution(Guid id, RecordResolution command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, id, ct));

    [WolverinePost("/api/reforms/{id}/exceptions")]
    public static async Task<IResult> ApproveException(Guid id, ApproveException command, CommandExecutor ledger, CancellationToken ct)
    {
        var answer = await ledger.Execute(command, id, ct);
        return Results.Created($"/api/reforms/{id}", answer);
    }

    [WolverinePost("/api/reforms/{id}/freeze")]
    public static async Task<IResult> Freeze(Guid id, FreezeReform command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, id, ct));

    /// <summary>The reform with the stage each old and new unit has reached.</summary>
    [WolverineGet("/api/reforms/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct)
    {
        var reform = await session.LoadAsync<Reform>(id, ct) ?? throw Refused.NotFound($"Reform {id} is not in the ledger.");
        var codes = reform.Predecessors.Select(p => p.Code).Concat(reform.Successors.Select(s => s.Code)).ToList();
        var units = await session.LoadManyAsync<UnitBook>(ct, codes.Select(StreamIds.ForUnit));
        return Results.Ok(new ReformView(reform, units.Select(u => new UnitStage(u.Code, u.Name, u.Stage)).ToList()));
    }
}

public sealed record UnitStage(string Code, string Name, string Stage);

public sealed record ReformView(Reform Reform, IReadOnlyList<UnitStage> Units);
