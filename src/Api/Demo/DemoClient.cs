using System.Net.Http.Json;
using System.Text.Json;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Demo;

/// <summary>Posts the demo's commands as the given actor; anything but success stops the demo with the ledger's answer.</summary>
public sealed class DemoClient(HttpClient http)
{
    public async Task<JsonElement> Post(string url, object body, string actor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: LedgerJson.Options) };
        request.Headers.Add("X-Actor", Uri.EscapeDataString(actor));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new DemoStopped($"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>The ledger refused a step or went away: said in one sentence, not as a stack trace.</summary>
public sealed class DemoStopped(string message) : Exception(message);
