using MudBlazor.Services;

namespace Sanzi.Api.Screens;

/// <summary>The web front end (Razor components, MudBlazor) served by the ledger's own host.</summary>
public static class ScreensSetup
{
    public static IServiceCollection AddLedgerScreens(this WebApplicationBuilder builder)
    {
        // The component library's CSS and JS come from its package; outside Development the host must be told to serve them from there.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddHttpClient("ledger");
        services.AddSingleton(LedgerClientFactory.OwnHost);
        return services;
    }

    public static WebApplication MapLedgerScreens(this WebApplication app)
    {
        app.MapStaticAssets();
        app.UseAntiforgery();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapGet("/logout", (HttpContext http) =>
        {
            http.Response.Cookies.Delete(LedgerSession.TokenCookie);
            return Results.Redirect("/login");
        }).ExcludeFromDescription();
        app.MapGet("/files/{**path}", Download).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A report download for the signed-in person: a link in the browser cannot carry the bearer token, so the
    /// host fetches the report from its own API with the token from the person's cookie.
    /// </summary>
    private static async Task<IResult> Download(string path, HttpContext http, LedgerClientFactory clients)
    {
        if (!path.StartsWith("api/units/", StringComparison.Ordinal) && !path.StartsWith("api/reforms/", StringComparison.Ordinal))
            return Results.NotFound();
        var client = clients.For(LedgerSession.FromCookies(http.Request.Cookies));
        var (status, type, name, bytes) = await client.FetchAsync("/" + path + http.Request.QueryString, http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        if (status != 200) return Results.StatusCode(status);
        // The printable page opens in the browser; the other formats are saved.
        return type.StartsWith("text/html", StringComparison.Ordinal) ? Results.Bytes(bytes, type) : Results.File(bytes, type, name);
    }
}
