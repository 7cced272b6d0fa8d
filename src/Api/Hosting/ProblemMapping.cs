using System.Net.Sockets;
using JasperFx.Events;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Sanzi.Api.Commands;
using Sanzi.Api.Identity;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Hosting;

/// <summary>
/// Turns what a user can cause into ProblemDetails, once for every endpoint: refusals into 400/403/404/409,
/// lost write races into 409, a missing actor into 401, an unreachable database into 503 with Retry-After.
/// Anything else stays a 500 and is logged.
/// </summary>
public sealed class ProblemMapping : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying while the database is unreachable.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = Map(exception);
        if (problem is null) return false;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WriteAsync(context, problem);
        return true;
    }

    /// <summary>Writes a problem as the response, for the exception handler and the edge middleware alike.</summary>
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        problem.Instance = context.Request.Path;
        context.Response.StatusCode = problem.Status!.Value;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    /// <summary>A 400 naming each offending field and the rule it breaks.</summary>
    public static ValidationProblemDetails Invalid(IReadOnlyDictionary<string, string[]> errors, string detail) =>
        new(errors.ToDictionary()) { Status = StatusCodes.Status400BadRequest, Title = "The request breaks a rule", Detail = detail };

    private static ProblemDetails? Map(Exception exception) => exception switch
    {
        Refused { Kind: RefusalKind.Invalid } r => Invalid(r.Errors, r.Message),
        Refused { Kind: RefusalKind.NotFound } r => Problem(StatusCodes.Status404NotFound, "Not found", r.Message),
        Refused { Kind: RefusalKind.Forbidden } r => Problem(StatusCodes.Status403Forbidden, "Not allowed for this token", r.Message),
        Refused r => Problem(StatusCodes.Status409Conflict, "Refused by the ledger's rules", r.Message),
        ActorMissing m => Problem(StatusCodes.Status401Unauthorized, "Who is acting?", m.Message),
        // Only after every re-decision lost its race too (see LostRaces).
        _ when exception.IsLostRace() => Problem(StatusCodes.Status409Conflict, "Concurrent change",
                "Someone else changed these books at the same moment; nothing of this request was written. Reload and try again."),
        JasperFx.Events.StreamLockedException or Marten.Exceptions.StreamLockedException => Problem(StatusCodes.Status409Conflict, "Stream locked",
            "These books are being changed by another request; nothing of this request was written. Try again."),
        _ when DatabaseUnreachable(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "The ledger's database is unreachable",
            $"Nothing of this request was written. Try again in {RetryAfterSeconds} seconds."),
        _ => null,
    };

    /// <summary>The server is down or refusing connections (Marten wraps Npgsql's error, so the chain is searched).</summary>
    private static bool DatabaseUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SocketException or NpgsqlException { IsTransient: true } or TimeoutException
                || e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.CrashShutdown })
                return true;
        return false;
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
