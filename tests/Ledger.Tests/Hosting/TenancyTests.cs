using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Sanzi.Api.Hosting;
using Sanzi.Api.Identity;
using Sanzi.Api.Integrity;
using Sanzi.Tests.Support;
using Shouldly;
using static Sanzi.Tests.Support.Reports;

namespace Sanzi.Tests.Hosting;

/// <summary>
/// A ledger kept as a database per county, on two PostgreSQL servers: county 360702's books on one, 360703's on the
/// other, the default database beside the first. A clerk's token names the county (its tenant claim); what they
/// write lands in that county's database only, reports read only it, and a token of one county can't see the other.
/// Without a tenant claim, a route naming a unit finds its county's database. Each county's log is sealed and verified
/// on its own, by the API and by the verify command.
/// </summary>
public class TenancyTests
{
    private const string CountyA = "360702";
    private const string CountyB = "360703";

    [Fact]
    public async Task Each_countys_writes_and_reports_stay_in_its_own_database()
    {
        await using var counties = await TwoCounties.StartAsync(TestContext.Current.CancellationToken);
        var (host, databases) = (counties.Host, counties.Databases);
        var a = new CountyClient(host, CountyA);
        var b = new CountyClient(host, CountyB);

        await a.Send("POST", "/api/reforms", Roles.ReformOffice, Sample.Reform($"{CountyA}101", $"{CountyA}102"), 201);
        await a.Send("POST", $"/api/units/{CountyA}101/assets", Roles.TownshipClerk, Sample.Vehicle(originalValue: 86_000m), 201);
        await b.Send("POST", "/api/reforms", Roles.ReformOffice, Sample.Reform($"{CountyB}101", $"{CountyB}102"), 201);
        await b.Send("POST", $"/api/units/{CountyB}101/assets", Roles.TownshipClerk, Sample.Vehicle(originalValue: 12_000m), 201);
        await b.Send("POST", $"/api/units/{CountyB}101/assets", Roles.TownshipClerk, Sample.Vehicle(originalValue: 3_000m), 201);
        // The bulk import goes to the county's database too.
        await a.Import($"/api/units/{CountyA}101/imports?table=assets", "资产编号,权属,资产类别,资产名称,规格型号,数量,计量单位,原值,累计折旧,取得日期,坐落,保管人,权属证书\r\n" +
            "BG-0001,集体,固定资产-办公设备及家具,办公桌,1.2米,1,张,1200,0,2019-05-01,村部,张三,\r\n");

        Values(await a.Send("GET", $"/api/units/{CountyA}101/summary", Roles.FinanceAuditor), "资产", "资产合计").Book.ShouldBe(87_200m);
        Values(await b.Send("GET", $"/api/units/{CountyB}101/summary", Roles.FinanceAuditor), "资产", "资产合计").Book.ShouldBe(15_000m);
        // Each county's token reads its own database only: the other's units are not there, whatever its unit claims say.
        await a.Send("GET", $"/api/units/{CountyB}101/summary", Roles.FinanceAuditor, status: 404);
        await b.Send("GET", $"/api/units/{CountyA}101/catalog", Roles.FinanceAuditor, status: 404);
        // Without a tenant claim, a route naming a unit reads its county's database (the public notice page among them);
        // one naming none reads the default database, which holds neither county's books.
        (await new CountyClient(host, null).Send("GET", $"/api/units/{CountyB}101", Roles.Inspector)).GetProperty("unit").GetProperty("code").GetString()
            .ShouldBe($"{CountyB}101");
        (await new CountyClient(host, null).Send("GET", "/api/reforms", Roles.Inspector)).GetArrayLength().ShouldBe(0);
        (await a.Send("GET", "/api/reforms", Roles.Inspector)).GetArrayLength().ShouldBe(1);
        // A tenant this ledger keeps no database for is refused, not sent to the default.
        await new CountyClient(host, "360799").Send("GET", $"/api/units/{CountyA}101", Roles.Inspector, status: 403);

        (await UnitsIn(databases[CountyA])).ShouldBe([$"{CountyA}101", $"{CountyA}102"]);
        (await UnitsIn(databases[CountyB])).ShouldBe([$"{CountyB}101", $"{CountyB}102"]);
        (await UnitsIn(databases["default"])).ShouldBeEmpty();
        // The same reform in each, two assets each: a request and an import in A, two requests in B.
        (await EventsIn(databases[CountyB])).ShouldBe(await EventsIn(databases[CountyA]));
        (await EventsIn(databases["default"])).ShouldBe(0);
    }

    [Fact]
    public async Task Each_countys_log_is_sealed_and_verified_in_its_own_database()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var counties = await TwoCounties.StartAsync(ct, sealInterval: "00:00:00.2");
        var (host, databaseB, folder) = (counties.Host, counties.Databases[CountyB], counties.IntegrityFolder);
        var a = new CountyClient(host, CountyA);
        var b = new CountyClient(host, CountyB);
        await a.Send("POST", "/api/reforms", Roles.ReformOffice, Sample.Reform($"{CountyA}101", $"{CountyA}102"), 201);
        await b.Send("POST", "/api/reforms", Roles.ReformOffice, Sample.Reform($"{CountyB}101", $"{CountyB}102"), 201);
        await b.Send("POST", $"/api/units/{CountyB}101/assets", Roles.TownshipClerk, Sample.Vehicle(originalValue: 12_000m), 201);

        // The sealer seals every county's database, each into a seal file of its own.
        foreach (var county in new[] { a, b })
            for (var i = 0; (await county.Send("GET", "/api/verify/head", Roles.FinanceAuditor, status: null)).ValueKind != JsonValueKind.Object; i++)
            {
                i.ShouldBeLessThan(100, "a county's log was never sealed");
                await Task.Delay(100, ct);
            }
        File.Exists(Path.Combine(folder, $"seals-{CountyA}.ndjson")).ShouldBeTrue();
        File.Exists(Path.Combine(folder, $"seals-{CountyB}.ndjson")).ShouldBeTrue();

        // Each county's verify checks its own events: clean, and as many as its database holds.
        var cleanB = Summary(await b.Text("/api/verify", Roles.FinanceAuditor));
        cleanB.GetProperty("ok").GetBoolean().ShouldBeTrue();
        cleanB.GetProperty("eventsChecked").GetInt64().ShouldBe(await EventsIn(databaseB));
        // An event edited in B's database is found by B's verify, and A's log is untouched by it.
        await using (var connection = new NpgsqlConnection(databaseB))
        {
            await connection.OpenAsync(ct);
            await using var edit = new NpgsqlCommand(
                "update ledger.mt_events set data = jsonb_set(data, '{originalValue}', '1') where seq_id = (select max(seq_id) from ledger.mt_events)", connection);
            (await edit.ExecuteNonQueryAsync(ct)).ShouldBe(1);
        }
        var tamperedB = await b.Text("/api/verify", Roles.FinanceAuditor);
        Summary(tamperedB).GetProperty("ok").GetBoolean().ShouldBeFalse();
        tamperedB.ShouldContain("\"kind\":\"edited\"");
        Summary(await a.Text("/api/verify", Roles.FinanceAuditor)).GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_verify_command_checks_each_countys_database_on_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var counties = await TwoCounties.StartAsync(ct);
        var (host, databaseB) = (counties.Host, counties.Databases[CountyB]);
        await new CountyClient(host, CountyA).Send("POST", "/api/reforms", Roles.ReformOffice, Sample.Reform($"{CountyA}101", $"{CountyA}102"), 201);
        var b = new CountyClient(host, CountyB);
        await b.Send("POST", "/api/reforms", Roles.ReformOffice, Sample.Reform($"{CountyB}101", $"{CountyB}102"), 201);
        await b.Send("POST", $"/api/units/{CountyB}101/assets", Roles.TownshipClerk, Sample.Vehicle(originalValue: 12_000m), 201);
        await using (var connection = new NpgsqlConnection(databaseB))
        {
            await connection.OpenAsync(ct);
            await using var edit = new NpgsqlCommand(
                "update ledger.mt_events set data = jsonb_set(data, '{originalValue}', '1') where seq_id = (select max(seq_id) from ledger.mt_events)", connection);
            (await edit.ExecuteNonQueryAsync(ct)).ShouldBe(1);
        }

        async Task<(int Exit, string Output, string Progress)> Verify(string? tenant)
        {
            var (output, progress) = (new StringWriter(), new StringWriter());
            var exit = await VerifyCommand.RunAsync(host.Services, tenant, output, progress, ct);
            return (exit, output.ToString(), progress.ToString());
        }

        // Every database in turn, each with its own verdict: the edit in B's is B's alone.
        var all = await Verify(null);
        all.Exit.ShouldBe(VerifyCommand.Tampered);
        var sections = all.Output.Split("== ", StringSplitOptions.RemoveEmptyEntries);
        sections.Select(s => s.Split(" ==")[0]).ShouldBe(["the default database", $"county {CountyA}", $"county {CountyB}"]);
        sections[1].ShouldContain("OK: no tampering found");
        sections[2].ShouldContain("TAMPERED: ");
        sections[2].ShouldContain("EDITED seq ");
        sections[2].ShouldContain($"{await EventsIn(databaseB)} events checked");

        (await Verify(CountyA)).ShouldSatisfyAllConditions(
            a => a.Exit.ShouldBe(VerifyCommand.Clean),
            a => a.Output.ShouldStartWith($"== county {CountyA} =="),
            a => a.Output.ShouldNotContain(CountyB));
        (await Verify(CountyB)).Exit.ShouldBe(VerifyCommand.Tampered);
        var unknown = await Verify("360799");
        unknown.Exit.ShouldBe(VerifyCommand.CouldNotRun);
        unknown.Progress.ShouldContain("keeps no database for county 360799");
    }

    private static JsonElement Summary(string ndjson) =>
        JsonDocument.Parse(ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.Clone();

    private static async Task<List<string>> UnitsIn(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data ->> 'code' from ledger.mt_doc_unitbook order by 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var codes = new List<string>();
        while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
        return codes;
    }

    private static async Task<long> EventsIn(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from ledger.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A ledger of two counties on two PostgreSQL servers: the default database and county A's on the first, B's on the
    /// second, and an integrity folder of its own.
    /// </summary>
    private sealed record TwoCounties(EmbeddedPostgres ServerA, EmbeddedPostgres ServerB, IReadOnlyDictionary<string, string> Databases,
        string IntegrityFolder, IAlbaHost Host) : IAsyncDisposable
    {
        public static async Task<TwoCounties> StartAsync(CancellationToken ct, string? sealInterval = null)
        {
            var serverA = await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"sanzi-tenant-a-{Guid.NewGuid():N}"), throwaway: true, ct);
            var serverB = await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"sanzi-tenant-b-{Guid.NewGuid():N}"), throwaway: true, ct);
            await serverA.EnsureDatabaseAsync("county_default", ct);
            var databases = new Dictionary<string, string>
            {
                ["default"] = serverA.ConnectionString("county_default"),
                [CountyA] = serverA.ConnectionString("ledger"),
                [CountyB] = serverB.ConnectionString("ledger"),
            };
            var folder = ScratchFolders.New("sanzi-tenant-integrity");
            var host = await AlbaHost.For<Program>(b =>
            {
                b.UseSetting("ConnectionStrings:Ledger", databases["default"])
                    .UseSetting($"{LedgerTenants.Section}:{CountyA}", databases[CountyA])
                    .UseSetting($"{LedgerTenants.Section}:{CountyB}", databases[CountyB])
                    .UseSetting("Integrity:Folder", folder);
                if (sealInterval is not null) b.UseSetting("Integrity:SealInterval", sealInterval);
            });
            return new TwoCounties(serverA, serverB, databases, folder, host);
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await ServerB.DisposeAsync();
            await ServerA.DisposeAsync();
        }
    }

    /// <summary>A person of one county (or of none), calling with a token whose tenant claim names it.</summary>
    private sealed class CountyClient(IAlbaHost host, string? county)
    {
        /// <summary>Sends and reads the JSON answer; <paramref name="status"/> null takes any, and answers a refusal as no value.</summary>
        public async Task<JsonElement> Send(string method, string url, string role, object? body = null, int? status = 200)
        {
            var token = Token(role);
            var result = await host.Scenario(s =>
            {
                if (method == "GET") s.Get.Url(url);
                else s.Post.Json(body!).ToUrl(url);
                s.WithRequestHeader("Authorization", $"Bearer {token}");
                if (status is { } expected) s.StatusCodeShouldBe(expected);
                else s.IgnoreStatusCode();
            });
            var text = await result.ReadAsTextAsync();
            return text.Length == 0 || result.Context.Response.StatusCode >= 300 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        /// <summary>An answer read as text (verify's NDJSON).</summary>
        public async Task<string> Text(string url, string role)
        {
            var token = Token(role);
            var result = await host.Scenario(s =>
            {
                s.Get.Url(url);
                s.WithRequestHeader("Authorization", $"Bearer {token}");
            });
            return await result.ReadAsTextAsync();
        }

        public async Task Import(string url, string csv)
        {
            var parts = url.Split('?', 2);
            await host.Scenario(s =>
            {
                s.Post.ByteArray(System.Text.Encoding.UTF8.GetBytes(csv)).ToUrl(parts[0]).QueryString("table", parts[1].Split('=')[1]);
                s.WithRequestHeader("Authorization", $"Bearer {Token(Roles.TownshipClerk)}");
                s.StatusCodeShouldBe(200);
            });
        }

        private string Token(string role) =>
            host.Services.GetRequiredService<TokenIssuer>().Issue($"{county ?? "省"}-办事员", role, ["36"], Duration.FromHours(1), county);
    }
}
