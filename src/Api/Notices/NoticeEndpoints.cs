using Microsoft.Extensions.Options;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Notices;
using Wolverine.Http;

namespace Sanzi.Api.Notices;

public static class NoticeEndpoints
{
    [WolverinePost("/api/units/{code}/notice")]
    public static async Task<IResult> Publish(string code, PublishNotice command, CommandExecutor ledger, IOptions<NoticeRules> rules,
        CancellationToken ct) =>
        Results.Ok(await ledger.Execute(code, command, (session, stamp) => command.Handle(session, code, rules.Value, stamp, ct), ct));

    [WolverinePost("/api/units/{code}/objections")]
    public static async Task<IResult> Object(string code, RaiseObjection command, CommandExecutor ledger, CancellationToken ct)
    {
        var answer = await ledger.Execute(command, code, ct);
        return Results.Created($"/api/units/{code}/objections/{answer.ObjectionId}", answer);
    }

    [WolverinePost("/api/units/{code}/objections/{objectionId}/resolution")]
    public static async Task<IResult> Resolve(string code, Guid objectionId, ResolveObjection command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, new ObjectionRef(code, objectionId), ct));

    [WolverinePost("/api/units/{code}/notice/confirmation")]
    public static async Task<IResult> Confirm(string code, ConfirmResults command, CommandExecutor ledger, CancellationToken ct) =>
        Results.Ok(await ledger.Execute(command, code, ct));
}
