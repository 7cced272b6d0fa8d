using Marten;
using Microsoft.AspNetCore.Mvc;
using Sanzi.Api.Hosting;

namespace Sanzi.Api.Identity;

/// <summary>
/// Enforces <see cref="AccessTable"/> at the HTTP edge, after routing and authentication and before any handler
/// or body binding: no token is 401, a role or unit the row does not allow is 403, and either way nothing is written.
/// </summary>
public sealed class AccessGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IQuerySession session, IDocumentStore store, LedgerTenants tenants)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            await next(context);
            return;
        }

        // The units a request touches are looked up where the request will read and write: its county's database.
        var tenant = tenants.TenantOf(context);
        await using var tenantSession = tenant is not null && tenants.Serves(tenant) ? store.QuerySession(tenant) : null;
        var access = AccessTable.Find(context.Request.Method, endpoint.RoutePattern.RawText);
        var refusal = access is null
            ? IsApi(context) ? Forbidden("This endpoint is in no row of the access table, so no role may call it.") : null
            : tenant is not null && !tenants.Serves(tenant)
                ? Forbidden($"This ledger keeps no database for county {tenant}, the token's tenant.")
                : await RefusalAsync(access, context, tenantSession ?? session);
        if (refusal is null) await next(context);
        else await ProblemMapping.WriteAsync(context, refusal);
    }

    private static async Task<ProblemDetails?> RefusalAsync(Access access, HttpContext context, IQuerySession session)
    {
        if (access.Scope == Scope.Public) return null;
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
            return new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized, Title = "Who is acting?",
                Detail = "Send a bearer token (Authorization: Bearer …); `dotnet run --project src/Api -- token` issues one.",
            };
        var role = user.FindFirst(LedgerClaims.Role)?.Value;
        if (role is null || !access.Roles.Contains(role))
            return Forbidden($"The role {role ?? "(none)"} may not {Describe(access)}; it is for: {string.Join(", ", access.Roles)}.");
        if (role != Roles.TownshipClerk || access.Scope == Scope.County) return null;

        var units = await UnitScope.UnitsOfAsync(access.Scope, context.Request.RouteValues, session, context.RequestAborted);
        return units is null || units.Any(u => UnitScope.Covers(user, u)) ? null
            : Forbidden($"{user.Identity.Name} may not {Describe(access)} of {string.Join(" or ", units)}: the token names other units.");
    }

    private static string Describe(Access access) => access.Method == "GET" ? $"read {access.Route}" : $"write {access.Route}";

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static ProblemDetails Forbidden(string detail) =>
        new() { Status = StatusCodes.Status403Forbidden, Title = "Not allowed for this token", Detail = detail };
}
