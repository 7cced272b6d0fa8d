using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using Sanzi.Api.Hosting;

namespace Sanzi.Api.Identity;

/// <summary>Issues the ledger's bearer tokens (HS256, issuer and audience <c>sanzi-ledger</c>).</summary>
public sealed class TokenIssuer(SigningKey key, IClock clock)
{
    public static readonly Duration DefaultLifetime = Duration.FromHours(12);

    public string Issue(string name, string role, IEnumerable<string> units, Duration lifetime, string? tenant = null)
    {
        var codes = units.Distinct().ToList();
        if (name.Trim().Length is 0 or > 100 || name.Any(char.IsControl))
            throw new ArgumentException("The name must be 1 to 100 characters without control characters.", nameof(name));
        if (!Roles.All.Contains(role))
            throw new ArgumentException($"The role must be one of {string.Join(", ", Roles.All)}.", nameof(role));
        if (codes.FirstOrDefault(c => !UnitScope.IsClaimable(c)) is { } bad)
            throw new ArgumentException($"Unit '{bad}' is not a division code (2, 4, 6, 9 or 12 digits).", nameof(units));
        if (role == Roles.TownshipClerk && codes.Count == 0)
            throw new ArgumentException("A township clerk's token must name at least one unit.", nameof(units));
        if (tenant is not null && !LedgerTenants.IsTenantId(tenant))
            throw new ArgumentException($"The tenant '{tenant}' is not a county or city code (4 or 6 digits).", nameof(tenant));
        if (lifetime <= Duration.Zero) throw new ArgumentException("The lifetime must be positive.", nameof(lifetime));

        var now = clock.GetCurrentInstant();
        var identity = new ClaimsIdentity([
            new Claim(LedgerClaims.Name, name.Trim()),
            new Claim(LedgerClaims.Role, role),
            .. codes.Select(c => new Claim(LedgerClaims.Unit, c)),
            .. tenant is null ? Array.Empty<Claim>() : [new Claim(LedgerClaims.Tenant, tenant)],
        ]);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LedgerClaims.Issuer,
            Audience = LedgerClaims.Issuer,
            Subject = identity,
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = (now + lifetime).ToDateTimeUtc(),
            SigningCredentials = new SigningCredentials(Validation.SecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>What every incoming token is checked against.</summary>
    public static class Validation
    {
        public static SymmetricSecurityKey SecurityKey(SigningKey key) => new(key.Bytes);

        public static TokenValidationParameters Parameters(SigningKey key, IClock clock) => new()
        {
            LifetimeValidator = (notBefore, expires, _, p) => Within(clock.GetCurrentInstant(), notBefore, expires, p.ClockSkew),
            ValidIssuer = LedgerClaims.Issuer,
            ValidAudience = LedgerClaims.Issuer,
            IssuerSigningKey = SecurityKey(key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = LedgerClaims.Name,
            RoleClaimType = LedgerClaims.Role,
            ClockSkew = TimeSpan.FromMinutes(1),
        };

        private static bool Within(Instant now, DateTime? notBefore, DateTime? expires, TimeSpan skew) =>
            expires is { } end && now - Duration.FromTimeSpan(skew) < Instant.FromDateTimeUtc(end.ToUniversalTime())
            && (notBefore is not { } start || now + Duration.FromTimeSpan(skew) >= Instant.FromDateTimeUtc(start.ToUniversalTime()));
    }
}
