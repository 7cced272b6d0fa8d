using System.Security.Claims;
using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Api.Identity;

/// <summary>Finds the units a request touches and whether a token's unit claims cover them.</summary>
public static class UnitScope
{
    /// <summary>A unit claim: a province (2 digits), prefecture (4), county (6), township (9) or village (12) code.</summary>
    public static bool IsClaimable(string code) =>
        code.Length is 2 or 4 or 6 or 9 or 12 && code.All(char.IsAsciiDigit) && !code.StartsWith("00", StringComparison.Ordinal);

    /// <summary>A claim covers its own code and every code under it: a township's 9 digits its villages' 12.</summary>
    public static bool Covers(ClaimsPrincipal user, string unitCode) =>
        user.FindAll(LedgerClaims.Unit).Any(c => unitCode.StartsWith(c.Value, StringComparison.Ordinal));

    /// <summary>
    /// The units of the request's target, or null when the route names nothing the ledger holds (a malformed code,
    /// an unknown id): the endpoint then answers 400 or 404 itself and nothing can be written.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> UnitsOfAsync(Scope scope, RouteValueDictionary route, IQuerySession session,
        CancellationToken ct)
    {
        var code = route["code"] as string;
        var id = Guid.TryParse(route["id"] as string, out var parsed) && parsed != Guid.Empty ? parsed : (Guid?)null;
        switch (scope)
        {
            case Scope.Unit when code is not null && DivisionCode.IsValid(code):
                return [code];
            case Scope.UnitOrSuccessor when code is not null && DivisionCode.IsValid(code):
                var unit = await session.LoadAsync<UnitBook>(StreamIds.ForUnit(code), ct);
                var ofReform = unit?.ReformId is { } unitReform ? await session.LoadAsync<Reform>(unitReform, ct) : null;
                return ofReform?.Predecessors.FirstOrDefault(p => p.Code == code) is { } predecessor ? [code, predecessor.SuccessorCode] : [code];
            case Scope.Item when id is { } itemId:
                return await session.LoadAsync<Item>(itemId, ct) is { } item ? [item.UnitCode] : null;
            case Scope.Reform when id is { } reformId:
                return await session.LoadAsync<Reform>(reformId, ct) is { } reform
                    ? [.. reform.Predecessors.Select(p => p.Code), .. reform.Successors.Select(s => s.Code)]
                    : null;
            default:
                return null;
        }
    }
}
