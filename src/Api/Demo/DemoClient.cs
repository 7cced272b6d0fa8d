using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sanzi.Api.Identity;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Demo;

/// <summary>
/// Posts the demo's commands as the given actor, with a token for the role the access table names first for the
/// endpoint and the demo's township as unit; anything but success stops the demo with the ledger's answer.
/// </summary>
public sealed class DemoClient(HttpClient http, TokenIssuer tokens, string township)
{
    public async Task<JsonElement> Post(string url, object body, string actor)
    {
        var role = AccessTable.Match("POST", url)?.Roles[0] ?? throw new InvalidOperationException($"No access rule for POST {url}.");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: LedgerJson.Options) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(actor, role, [township], TokenIssuer.DefaultLifetime));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new DemoStopped($"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>The ledger refused a step or went away: said in one sentence, not as a stack trace.</summary>
public sealed class DemoStopped(string message) : Exception(message);
