namespace Sanzi.Api.Hosting;

/// <summary>
/// Headers on every response, errors included: no content sniffing, no framing by another site, no referrer, a
/// content security policy (a strict one on pages, <c>Security:PageContentSecurityPolicy</c> to change it), and
/// <c>Cache-Control: no-store</c> on <c>/api</c>, whose answers carry names and account numbers.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IConfiguration configuration)
{
    /// <summary>
    /// <c>base-uri 'self'</c>, not 'none': the screens' <c>&lt;base href="/"&gt;</c> is what resolves their scripts
    /// and routes; blocked, a page two segments deep (<c>/books/{code}</c>) loads its framework script from under
    /// itself, gets a 404 and stays blank.
    /// </summary>
    public const string PagePolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; script-src 'self'; " +
        "connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (Scalar) starts itself with an inline module script.</summary>
    private const string DocsPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; script-src 'self' 'unsafe-inline'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    private readonly string _pagePolicy = configuration["Security:PageContentSecurityPolicy"] ?? PagePolicy;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy =
                context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true ? DataPolicy
                : context.Request.Path.StartsWithSegments("/api/docs") ? DocsPolicy : _pagePolicy;
            if (context.Request.Path.StartsWithSegments("/api")) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
