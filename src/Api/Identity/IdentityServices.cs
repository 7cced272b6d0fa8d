using Microsoft.AspNetCore.Authentication.JwtBearer;
using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Identity;

public static class IdentityServices
{
    /// <summary>JWT bearer authentication with the ledger's key, the token issuer, and the actor taken from the token.</summary>
    public static IServiceCollection AddLedgerIdentity(this IServiceCollection services, SigningKey key)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o => o.MapInboundClaims = false);
        // A token's lifetime is judged by the ledger's own clock, the one that stamped its issue.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IClock>((o, clock) => o.TokenValidationParameters = TokenIssuer.Validation.Parameters(key, clock));
        return services
            .AddSingleton(key)
            .AddSingleton<TokenIssuer>()
            .AddHttpContextAccessor()
            .AddScoped<IActorContext, TokenActorContext>();
    }
}
