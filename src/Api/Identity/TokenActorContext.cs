using System.Diagnostics;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Identity;

/// <summary>
/// The actor of a request is the person and role its verified bearer token names; nothing the caller types in a
/// header counts. The correlation id is the caller's <c>X-Correlation-ID</c> when it is plain printable ASCII, else
/// the request's trace id.
/// </summary>
public sealed class TokenActorContext(IHttpContextAccessor http) : IActorContext
{
    public const string CorrelationHeader = "X-Correlation-ID";

    public Actor Current
    {
        get
        {
            var user = http.HttpContext?.User ?? throw new InvalidOperationException("No HTTP request is in progress.");
            if (user.Identity?.IsAuthenticated != true || user.FindFirst(LedgerClaims.Name)?.Value is not { Length: > 0 } name)
                throw new ActorMissing();
            return new Actor(name, user.FindFirst(LedgerClaims.Role)?.Value);
        }
    }

    public string? CorrelationId
    {
        get
        {
            var sent = http.HttpContext?.Request.Headers[CorrelationHeader].ToString().Trim() ?? "";
            return sent.Length is > 0 and <= 100 && sent.All(c => c is >= ' ' and <= '~') ? sent : Activity.Current?.TraceId.ToString();
        }
    }
}

/// <summary>A write arrived without a verified token naming who is acting.</summary>
public sealed class ActorMissing() : Exception("Every write must say who is acting: send a bearer token (Authorization: Bearer …).");
