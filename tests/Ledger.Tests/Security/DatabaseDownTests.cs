using Alba;
using Sanzi.Api.Hosting;
using Sanzi.Api.Identity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Security;

/// <summary>A ledger whose database has gone away answers 503 with Retry-After, not 500.</summary>
public class DatabaseDownTests
{
    [Fact]
    public async Task With_its_database_stopped_the_ledger_answers_503_with_retry_after()
    {
        var postgres = await EmbeddedPostgres.StartAsync(Path.Combine(Path.GetTempPath(), $"sanzi-down-{Guid.NewGuid():N}"), throwaway: true);
        await using var host = await AlbaHost.For<Program>(b => b
            .UseSetting("ConnectionStrings:Ledger", postgres.ConnectionString("ledger"))
            // Its own seal file: the shared test ledger's file holds another database's seals.
            .UseSetting("Integrity:Folder", ScratchFolders.New("sanzi-down-integrity")));
        var api = new LedgerApi(host);
        var code = Sample.TownshipCode();
        await api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);

        await postgres.DisposeAsync();

        foreach (var (method, url) in new[] { ("GET", $"/api/units/{code}"), ("POST", $"/api/units/{code}/assets") })
        {
            var result = await host.Scenario(s =>
            {
                if (method == "GET") s.Get.Url(url);
                else s.Post.Json(Sample.Vehicle()).ToUrl(url);
                s.WithRequestHeader("Authorization", "Bearer " + api.Token("某人", method == "GET" ? Roles.Inspector : Roles.TownshipClerk));
                s.StatusCodeShouldBe(503);
            });
            result.Context.Response.Headers.RetryAfter.ToString().ShouldBe(ProblemMapping.RetryAfterSeconds.ToString());
            (await result.ReadAsTextAsync()).ShouldContain("unreachable");
        }
    }
}
