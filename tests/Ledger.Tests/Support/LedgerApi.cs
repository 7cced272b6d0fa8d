using System.Text.Json;
using Alba;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Ledger.Common;

namespace Sanzi.Tests.Support;

/// <summary>Talks to the ledger the way a client does: JSON over HTTP, with an actor header.</summary>
public sealed class LedgerApi(IAlbaHost host)
{
    public const string DefaultActor = "test-clerk";

    public async Task<JsonElement> Post(string url, object body, int status, string? actor = DefaultActor,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            if (actor is not null) s.WithRequestHeader("X-Actor", actor);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) s.WithRequestHeader(name, value);
            s.StatusCodeShouldBe(status);
        });
        return await Read(result);
    }

    public async Task<JsonElement> PostRaw(string url, string json, int status)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.RawJson(json).ToUrl(url);
            s.WithRequestHeader("X-Actor", DefaultActor);
            s.StatusCodeShouldBe(status);
        });
        return await Read(result);
    }

    /// <summary>Uploads a file: as the raw body, or as the multipart form field <c>file</c>.</summary>
    public async Task<JsonElement> PostFile(string url, byte[] content, int status, bool multipart = false)
    {
        var result = await host.Scenario(s =>
        {
            if (multipart)
            {
                var form = new System.Net.Http.MultipartFormDataContent { { new System.Net.Http.ByteArrayContent(content), "file", "register.xlsx" } };
                WithQuery(s.Post.MultipartFormData(form), url);
            }
            else
            {
                WithQuery(s.Post.ByteArray(content), url);
            }

            s.WithRequestHeader("X-Actor", DefaultActor);
            s.StatusCodeShouldBe(status);
        });
        return await Read(result);
    }

    /// <summary>Alba escapes a query string given with the path; it takes the parameters one by one.</summary>
    private static void WithQuery(SendExpression send, string url)
    {
        var parts = url.Split('?', 2);
        send.ToUrl(parts[0]);
        foreach (var pair in parts.Length > 1 ? parts[1].Split('&') : [])
            send.QueryString(pair.Split('=')[0], Uri.UnescapeDataString(pair.Split('=')[1]));
    }

    public async Task<JsonElement> Get(string url, int status = 200)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(status);
        });
        return await Read(result);
    }

    /// <summary>Waits until the asynchronous projections (audit trail, leads) have caught up with every event so far.</summary>
    public Task CaughtUp() => host.Services.GetRequiredService<Marten.IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    /// <summary>The raw body of a download, with its content type.</summary>
    public async Task<(byte[] Body, string? ContentType)> Download(string url, int status = 200)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(status);
        });
        var body = result.Context.Response.Body;
        if (body.CanSeek) body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return (copy.ToArray(), result.Context.Response.ContentType);
    }

    public T As<T>(JsonElement json) => json.Deserialize<T>(LedgerJson.Options)!;

    private static async Task<JsonElement> Read(IScenarioResult result)
    {
        var text = await result.ReadAsTextAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
