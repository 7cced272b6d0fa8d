using System.Text.Json;
using Alba;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sanzi.Api.Identity;
using Sanzi.Ledger.Common;

namespace Sanzi.Tests.Support;

/// <summary>
/// Talks to the ledger the way a client does: JSON over HTTP with a bearer token for the person a test names.
/// The role defaults to the first the access table lists for the endpoint, and the units to every code under
/// 江西 (36), where <see cref="Sample"/>'s codes lie; a test of access names its own role and units.
/// </summary>
public sealed class LedgerApi(IAlbaHost host)
{
    public const string DefaultActor = "test-clerk";
    public const string DefaultReader = "test-reader";
    public const string TestProvince = "36";

    public async Task<JsonElement> Post(string url, object body, int status, string? actor = DefaultActor,
        IReadOnlyDictionary<string, string>? headers = null, string? role = null, IReadOnlyList<string>? units = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            Authorize(s, "POST", url, actor, role, units);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) s.WithRequestHeader(name, value);
            s.StatusCodeShouldBe(status);
        });
        return await Read(result);
    }

    public async Task<JsonElement> PostRaw(string url, string json, int status, string? actor = DefaultActor, string? role = null,
        IReadOnlyList<string>? units = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.RawJson(json).ToUrl(url);
            Authorize(s, "POST", url, actor, role, units);
            s.StatusCodeShouldBe(status);
        });
        return await Read(result);
    }

    /// <summary>Uploads a file: as the raw body, or as the multipart form field <c>file</c>.</summary>
    public async Task<JsonElement> PostFile(string url, byte[] content, int status, bool multipart = false, string? role = null)
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

            Authorize(s, "POST", url.Split('?')[0], DefaultActor, role, null);
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

    public async Task<JsonElement> Get(string url, int status = 200, string? actor = DefaultReader, string? role = null,
        IReadOnlyList<string>? units = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            Authorize(s, "GET", url, actor, role, units);
            s.StatusCodeShouldBe(status);
        });
        return await Read(result);
    }

    /// <summary>A token signed with the ledger's key, as <c>-- token</c> would print it.</summary>
    public string Token(string name, string role, IReadOnlyList<string>? units = null) =>
        host.Services.GetRequiredService<TokenIssuer>().Issue(name, role, units ?? [TestProvince], Duration.FromHours(1));

    /// <summary>The role a test acts in unless it names one: the first the access table lists for the endpoint.</summary>
    public static string RoleFor(string method, string url) =>
        AccessTable.Match(method, url)?.Roles.FirstOrDefault() ?? Roles.Inspector;

    private void Authorize(Scenario s, string method, string url, string? actor, string? role, IReadOnlyList<string>? units)
    {
        if (actor is null || AccessTable.Match(method, url)?.Scope == Scope.Public) return;
        s.WithRequestHeader("Authorization", "Bearer " + Token(actor, role ?? RoleFor(method, url), units));
    }

    /// <summary>How many events the named people have written, straight from the event table.</summary>
    public async Task<long> EventsBy(params string[] actors)
    {
        await using var connection = host.Services.GetRequiredService<Marten.IDocumentStore>().Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select count(*) from ledger.mt_events where user_name = any($1)", connection)
            { Parameters = { new() { Value = actors } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until the asynchronous projections (audit trail, leads) have caught up with every event so far.</summary>
    public Task CaughtUp() => host.Services.GetRequiredService<Marten.IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

    /// <summary>The raw body of a download, with its content type.</summary>
    public async Task<(byte[] Body, string? ContentType)> Download(string url, int status = 200, string? actor = DefaultReader)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url(url);
            Authorize(s, "GET", url, actor, null, null);
            s.StatusCodeShouldBe(status);
        });
        var body = result.Context.Response.Body;
        if (body.CanSeek) body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return (copy.ToArray(), result.Context.Response.ContentType);
    }

    /// <summary>The whole log verified as an auditor downloads it: the closing summary line and every problem line.</summary>
    public async Task<(JsonElement Summary, List<JsonElement> Problems)> Verify()
    {
        var (body, _) = await Download("/api/verify");
        var lines = System.Text.Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (lines[^1], lines.Where(l => l.GetProperty("type").GetString() == "problem").ToList());
    }

    public T As<T>(JsonElement json) => json.Deserialize<T>(LedgerJson.Options)!;

    private static async Task<JsonElement> Read(IScenarioResult result)
    {
        var text = await result.ReadAsTextAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
