using Alba;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Api.Identity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Security;

/// <summary>
/// Every endpoint against every kind of caller: no token, the reform office, the unit's own township clerk, a clerk
/// of another township, the finance auditor and the inspector. Allowed callers get past the gate (a write with an
/// empty body is then a 400 from the command's rules); the others get 401 or 403. None of them writes an event.
/// </summary>
public class AccessMatrixTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);
    private static readonly SemaphoreSlim Once = new(1);
    private static Targets? _targets;

    private enum Caller { Anonymous, Office, OwnClerk, OtherClerk, Auditor, Inspector }

    /// <summary>Who may call each endpoint: O office, C the unit's clerk, K any clerk, A auditor, I inspector, * anyone without a token.</summary>
    public static TheoryData<string, string, string> Matrix => new()
    {
        { "POST", "/api/reforms", "O" },
        { "POST", "/api/reforms/{id}/resolutions", "O" },
        { "POST", "/api/reforms/{id}/exceptions", "O" },
        { "POST", "/api/reforms/{id}/freeze", "O" },
        { "POST", "/api/reforms/{id}/code-changes", "O" },
        { "POST", "/api/units/{code}/debt-lock", "O" },
        { "POST", "/api/units/{code}/assets", "C" },
        { "POST", "/api/units/{code}/resources", "C" },
        { "POST", "/api/units/{code}/fund-accounts", "C" },
        { "POST", "/api/units/{code}/debts", "C" },
        { "POST", "/api/units/{code}/inventory/surplus", "C" },
        { "POST", "/api/units/{code}/inventory/close", "C" },
        { "POST", "/api/units/{code}/notice", "C" },
        { "POST", "/api/units/{code}/objections", "C" },
        { "POST", "/api/units/{code}/objections/{objectionId}/resolution", "C" },
        { "POST", "/api/units/{code}/notice/confirmation", "C" },
        { "POST", "/api/units/{code}/handover", "C" },
        { "POST", "/api/units/{code}/imports", "C" },
        { "POST", "/api/units/{code}/handover/signatures", "CA" },
        { "POST", "/api/documents", "OCK" },
        { "GET", "/api/documents/{sha256}", "OCKAI" },
        { "GET", "/api/documents/{sha256}/content", "OCKAI" },
        { "GET", "/api/documents/{sha256}/preview", "OCKAI" },
        { "GET", "/api/units/{code}/documents.zip", "OCAI" },
        { "POST", "/api/reforms/{id}/exceptions/{exceptionId}/documents", "O" },
        { "POST", "/api/items/{id}/documents", "C" },
        { "POST", "/api/assets/{id}/disposal", "C" },
        { "POST", "/api/resources/{id}/contracts", "C" },
        { "POST", "/api/fund-accounts/{id}/receipts", "C" },
        { "POST", "/api/fund-accounts/{id}/payments", "C" },
        { "POST", "/api/fund-accounts/{id}/transfers", "C" },
        { "POST", "/api/debts/{id}/increases", "C" },
        { "POST", "/api/debts/{id}/reductions", "C" },
        { "POST", "/api/items/{id}/count", "C" },
        { "GET", "/api/reforms/{id}", "OCAI" },
        { "GET", "/api/units/{code}", "OCAI" },
        { "GET", "/api/units/{code}/assets", "OCAI" },
        { "GET", "/api/units/{code}/catalog", "OCAI" },
        { "GET", "/api/units/{code}/summary", "OCAI" },
        { "GET", "/api/units/{code}/debts", "OCAI" },
        { "GET", "/api/units/{code}/handover", "OCAI" },
        { "GET", "/api/units/{code}/objections", "OCAI" },
        { "GET", "/api/units/{code}/contracts", "OCAI" },
        { "GET", "/api/reforms/{id}/contracts", "OCAI" },
        { "GET", "/api/items/{id}", "OCAI" },
        { "GET", "/api/items/{id}/history", "OCAI" },
        { "GET", "/api/imports/templates/{table}", "OCKAI" },
        { "GET", "/api/reforms/{id}/reconciliation", "OAI" },
        { "GET", "/api/audit", "AI" },
        { "GET", "/api/trace/items/{id}", "AI" },
        { "GET", "/api/trace/counterparties/{name}", "AI" },
        { "GET", "/api/verify", "AI" },
        { "GET", "/api/verify/head", "AI" },
        { "GET", "/api/verify/consistency", "AI" },
        { "GET", "/api/verify/key", "AI" },
        { "GET", "/api/leads", "I" },
        { "GET", "/api/leads/{id}", "I" },
        { "POST", "/api/leads/{id}/annotations", "I" },
        { "GET", "/api/reforms/{id}/exception-uses", "AI" },
        { "GET", "/api/counterparties", "AI" },
        { "POST", "/api/counterparties", "O" },
        { "GET", "/api/reforms", "OCKAI" },
        { "GET", "/api/about", "*" },
        { "GET", "/api/docs/{documentName?}", "*" },
        { "GET", "/api/docs/scalar.js", "*" },
        { "GET", "/api/docs/scalar.aspnetcore.js", "*" },
        { "GET", "/api/docs/favicon.svg", "*" },
        { "GET", "/notices/{code}", "*" },
        { "GET", "/notices/{code}/{noticeId}", "*" },
        { "POST", "/notices/{code}/objections", "*" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_only_the_endpoints_its_row_allows_and_a_crossing_writes_nothing(string method, string route, string allowed)
    {
        var t = await TargetsAsync();
        var url = t.Fill(route);
        var run = Sample.Key()[..8];
        var names = Enum.GetValues<Caller>().ToDictionary(c => c, c => $"矩阵-{c}-{run}");

        foreach (var caller in Enum.GetValues<Caller>())
        {
            var status = await Send(method, url, caller, names[caller], t);
            var may = allowed == "*" || allowed.Contains(Letter(caller)) || allowed.Contains('K') && caller == Caller.OtherClerk;
            // Past the gate a write with an empty body is refused by its own rules, and a read answers or names what is missing.
            var expected = may ? "past the gate: no 401, 403 or 5xx" : caller == Caller.Anonymous ? "401" : "403";
            var ok = may
                ? status is not (401 or 403) && status < 500 && (method == "GET" || status >= 400)
                : status == (caller == Caller.Anonymous ? 401 : 403);
            ok.ShouldBeTrue($"{caller} {method} {route} answered {status}, expected {expected}");
        }

        (await _api.EventsBy([.. names.Values])).ShouldBe(0);
    }

    [Fact]
    public void Every_endpoint_of_the_ledger_has_a_row_in_the_access_table_and_in_this_matrix()
    {
        var endpoints = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Method: m, Route: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(e => e.Route.StartsWith("/api") || e.Route.StartsWith("/notices"))
            .ToList();
        var matrix = Matrix.Select(row => ((string)row.Data.Item1, (string)row.Data.Item2)).ToHashSet();

        endpoints.ShouldNotBeEmpty();
        endpoints.Where(e => AccessTable.Find(e.Method, e.Route) is null).ShouldBeEmpty("endpoints the access table does not list");
        endpoints.Where(e => !matrix.Contains(e)).ShouldBeEmpty("endpoints this matrix does not test");
    }

    [Fact]
    public async Task A_clerk_token_for_a_township_covers_its_villages_and_nothing_beside_them()
    {
        var t = await TargetsAsync();
        var assets = $"/api/units/{t.Village}/assets";
        await _api.Post(assets, Sample.Vehicle(), 201, "本镇会计", role: Roles.TownshipClerk, units: [t.Township]);
        await _api.Post(assets, Sample.Vehicle(), 201, "本村会计", role: Roles.TownshipClerk, units: [t.Village]);
        await _api.Post(assets, Sample.Vehicle(), 403, "邻村会计", role: Roles.TownshipClerk, units: [t.Township + "298"]);
        await _api.Post(assets, Sample.Vehicle(), 403, "局长", role: Roles.ReformOffice, units: []);
        await _api.Post($"/api/fund-accounts/{t.Account}/receipts", new
        {
            idempotencyKey = Sample.Key(), amount = 1m, payer = "县财政局", payerType = "outsideUnit", purpose = "经费", accountCode = "522",
            voucherNumber = "收-1",
        }, 403, "邻村会计", role: Roles.TownshipClerk, units: [Sample.TownshipCode()]);
        (await _api.EventsBy("邻村会计", "局长")).ShouldBe(0);
    }

    private async Task<int> Send(string method, string url, Caller caller, string name, Targets t)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            if (method == "POST") s.Post.Json(new { }).ToUrl(url);
            else s.Get.Url(url);
            if (Token(caller, name, t) is { } token) s.WithRequestHeader("Authorization", "Bearer " + token);
            s.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    private string? Token(Caller caller, string name, Targets t) => caller switch
    {
        Caller.Anonymous => null,
        Caller.Office => _api.Token(name, Roles.ReformOffice, []),
        Caller.OwnClerk => _api.Token(name, Roles.TownshipClerk, [t.Township]),
        Caller.OtherClerk => _api.Token(name, Roles.TownshipClerk, [Sample.TownshipCode()]),
        Caller.Auditor => _api.Token(name, Roles.FinanceAuditor, []),
        _ => _api.Token(name, Roles.Inspector, []),
    };

    private static char Letter(Caller caller) => caller switch
    {
        Caller.Office => 'O',
        Caller.OwnClerk => 'C',
        Caller.Auditor => 'A',
        Caller.Inspector => 'I',
        _ => '-',
    };

    private async Task<Targets> TargetsAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _targets ??= await Targets.CreateAsync(_api);
        }
        finally
        {
            Once.Release();
        }
    }
}
