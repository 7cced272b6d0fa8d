using System.Text;
using System.Text.Json;

namespace Sanzi.Api.Screens;

/// <summary>
/// Who is using the screens: the token they pasted at login (sent as the bearer on every call to the API) and
/// what the screens read from it to decide what to show. The API alone decides what is allowed.
/// </summary>
public sealed record LedgerSession(string Name, string Role, string Token, IReadOnlyList<string> Units)
{
    public const string TokenCookie = "sanzi-token";

    public static readonly LedgerSession Anonymous = new("", "", "", []);

    public bool SignedIn => Name.Length > 0;

    /// <summary>Whether the screens offer this role's actions; the API decides whether they are allowed.</summary>
    public bool May(params string[] roles) => SignedIn && roles.Contains(Role);

    public static LedgerSession FromCookies(IRequestCookieCollection cookies)
    {
        var token = cookies[TokenCookie] ?? "";
        var claims = Claims(token);
        return claims.Name is { Length: > 0 } name ? new LedgerSession(name, claims.Role ?? "", token, claims.Units) : Anonymous;
    }

    /// <summary>Reads the token's claims for display only; the API validates the signature.</summary>
    public static (string? Name, string? Role, IReadOnlyList<string> Units) Claims(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return (null, null, []);
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            var root = json.RootElement;
            string? Text(string claim) => root.TryGetProperty(claim, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var units = root.TryGetProperty("unit", out var u)
                ? u.ValueKind == JsonValueKind.Array ? u.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [u.GetString() ?? ""]
                : new List<string>();
            return (Text("name"), Text("role"), units);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (null, null, []);
        }
    }
}
