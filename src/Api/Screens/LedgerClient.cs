using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Screens;

/// <summary>
/// The screens' only way to the ledger: its public HTTP API, called with the signed-in person's token, so the
/// screens depend on the API contract and nothing else.
/// </summary>
public sealed class LedgerClient(HttpClient http, LedgerSession session)
{
    public LedgerSession Session => session;

    public async Task<LedgerAnswer> GetAsync(string path, CancellationToken ct = default) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public async Task<LedgerAnswer> PostAsync(string path, object body, CancellationToken ct = default) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: LedgerJson.Options) }, ct);

    /// <summary>
    /// An answer sent as NDJSON (verify streams its findings): one element per line as they arrive, or the refusal.
    /// <c>Broken</c> says the answer stopped part-way (the server failed after it had started answering, so no status
    /// can say so); the lines are those that came before.
    /// </summary>
    public async Task<(LedgerAnswer Answer, IReadOnlyList<JsonElement> Lines, bool Broken)> GetLinesAsync(string path, CancellationToken ct = default)
    {
        using var request = Authorised(new HttpRequestMessage(HttpMethod.Get, path));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) return (Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct)), [], false);
        var lines = new List<JsonElement>();
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is { } line)
                if (line.Trim() is { Length: > 0 } text) lines.Add(JsonDocument.Parse(text).RootElement.Clone());
        }
        catch (Exception e) when (e is IOException or HttpRequestException or JsonException)
        {
            return (new LedgerAnswer((int)response.StatusCode, null), lines, true);
        }
        return (new LedgerAnswer((int)response.StatusCode, null), lines, false);
    }

    /// <summary>A file as the API sends it: status, content type, file name and bytes.</summary>
    public async Task<(int Status, string Type, string? Name, byte[] Bytes)> FetchAsync(string path, CancellationToken ct = default)
    {
        using var request = Authorised(new HttpRequestMessage(HttpMethod.Get, path));
        using var response = await http.SendAsync(request, ct);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'),
            await response.Content.ReadAsByteArrayAsync(ct));
    }

    private async Task<LedgerAnswer> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var _ = request;
        using var response = await http.SendAsync(Authorised(request), ct);
        return Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    private static LedgerAnswer Answer(int status, string text) =>
        new(status, text.Length > 0 && text.TrimStart() is ['{' or '[', ..] ? JsonDocument.Parse(text).RootElement.Clone() : null);

    private HttpRequestMessage Authorised(HttpRequestMessage request)
    {
        if (session.Token.Length > 0) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        return request;
    }
}

/// <summary>An answer of the API: the body on success, or the refusal (ProblemDetails) with the fields it names.</summary>
public sealed record LedgerAnswer(int Status, JsonElement? Body)
{
    public bool Ok => Status is >= 200 and < 300;

    public JsonElement Json => Body ?? default;

    /// <summary>The refusal's sentence: its detail, else its title.</summary>
    public string? Refusal => Ok ? null : Text("detail") ?? Text("title") ?? $"HTTP {Status}";

    /// <summary>What the refusal says about one field (the API names fields in camelCase, nested ones with dots).</summary>
    public string? About(string field)
    {
        if (Ok || Body is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("errors", out var errors)) return null;
        var messages = errors.EnumerateObject()
            .Where(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase) || e.Name.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase)
                        || e.Name.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString()));
        var text = string.Join("；", messages);
        return text.Length == 0 ? null : text;
    }

    private string? Text(string name) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
