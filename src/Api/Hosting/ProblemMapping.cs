using JasperFx.Events;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Hosting;

/// <summary>
/// Turns what a user can cause into ProblemDetails, once for every endpoint: refusals into 400/404/409,
/// lost write races into 409, a missing actor into 401. Anything else stays a 500 and is logged.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = Map(exception);
        if (problem is null) return false;
        problem.Instance = context.Request.Path;
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static ProblemDetails? Map(Exception exception) => exception switch
    {
        Refused { Kind: RefusalKind.Invalid } r => new ValidationProblemDetails(r.Errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request breaks a rule",
            Detail = r.Message,
        },
        Refused { Kind: RefusalKind.NotFound } r => Problem(StatusCodes.Status404NotFound, "Not found", r.Message),
        Refused r => Problem(StatusCodes.Status409Conflict, "Refused by the ledger's rules", r.Message),
        ActorMissing m => Problem(StatusCodes.Status401Unauthorized, "Who is acting?", m.Message),
        // Only after every re-decision lost its race too (see LostRaces).
        _ when exception.IsLostRace() => Problem(StatusCodes.Status409Conflict, "Concurrent change",
                "Someone else changed these books at the same moment; nothing of this request was written. Reload and try again."),
        JasperFx.Events.StreamLockedException or Marten.Exceptions.StreamLockedException => Problem(StatusCodes.Status409Conflict, "Stream locked",
            "These books are being changed by another request; nothing of this request was written. Try again."),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
