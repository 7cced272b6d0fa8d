using Sanzi.Api.Identity;
using Wolverine.Http.Runtime.MultiTenancy;

namespace Sanzi.Api.Hosting;

/// <summary>
/// The databases of a ledger kept per county (or per city): <c>Ledger:Tenants:{code}</c> names the connection string
/// of that county's database, the tenant id being its 6-digit (or a city's 4-digit) division code. A token's
/// <c>tenant</c> claim picks the database; without one, a route naming a unit (<c>{code}</c>) picks its county's, so
/// the public notice pages are found; anything else, and everything the ledger does on its own, uses the default
/// database (<c>ConnectionStrings:Ledger</c>). With no tenants configured the ledger is one database, as ever.
/// </summary>
public sealed record LedgerTenants(IReadOnlyDictionary<string, string> Databases) : ITenantDetection
{
    public const string Section = "Ledger:Tenants";

    public static readonly LedgerTenants None = new(new Dictionary<string, string>());

    public bool IsMultiTenanted => Databases.Count > 0;

    public bool Serves(string tenant) => Databases.ContainsKey(tenant);

    /// <summary>The county whose database a request reads and writes, or null for the default database.</summary>
    public string? TenantOf(HttpContext context)
    {
        if (context.User.FindFirst(LedgerClaims.Tenant)?.Value is { } claimed) return claimed;
        if (!IsMultiTenanted || context.Request.RouteValues["code"] is not string code || !code.All(char.IsAsciiDigit)) return null;
        return new[] { 6, 4 }.Where(n => code.Length >= n).Select(n => code[..n]).FirstOrDefault(Serves);
    }

    ValueTask<string?> ITenantDetection.DetectTenant(HttpContext context) => ValueTask.FromResult(TenantOf(context));

    public static bool IsTenantId(string code) => code.Length is 4 or 6 && code.All(char.IsAsciiDigit);

    public static LedgerTenants From(IConfiguration configuration)
    {
        var databases = configuration.GetSection(Section).GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value!);
        if (databases.Keys.FirstOrDefault(k => !IsTenantId(k)) is { } bad)
            throw new LedgerStartupException($"{Section}:{bad} is not a county or city code (4 or 6 digits).");
        return new LedgerTenants(databases);
    }
}
