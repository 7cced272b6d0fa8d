using System.Diagnostics;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Hosting;

/// <summary>
/// Takes the actor from the <c>X-Actor</c> (and optional <c>X-Actor-Role</c>) request headers until real
/// authentication arrives; only this class will change then. The correlation id is the caller's
/// <c>X-Correlation-ID</c> when it sends one, else the request's trace id.
/// </summary>
public sealed class HeaderActorContext(IHttpContextAccessor http) : IActorContext
{
    public const string ActorHeader = "X-Actor";
    public const string RoleHeader = "X-Actor-Role";
    public const string CorrelationHeader = "X-Correlation-ID";

    public Actor Current
    {
        get
        {
            var headers = http.HttpContext?.Request.Headers
                          ?? throw new InvalidOperationException("No HTTP request is in progress.");
            // Header values are ASCII on the wire; Chinese names arrive percent-encoded.
            var name = Uri.UnescapeDataString(headers[ActorHeader].ToString()).Trim();
            if (name.Length is 0 or > 100) throw new ActorMissing();
            var role = Uri.UnescapeDataString(headers[RoleHeader].ToString()).Trim();
            return new Actor(name, role.Length == 0 ? null : role);
        }
    }

    public string? CorrelationId
    {
        get
        {
            var sent = http.HttpContext?.Request.Headers[CorrelationHeader].ToString().Trim() ?? "";
            return sent.Length is > 0 and <= 100 ? sent : Activity.Current?.TraceId.ToString();
        }
    }
}

/// <summary>A write arrived without saying who is acting.</summary>
public sealed class ActorMissing()
    : Exception($"Every write must say who is acting: send the {HeaderActorContext.ActorHeader} header (1 to 100 characters).");
