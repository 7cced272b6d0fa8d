using System.Text;
using Alba;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sanzi.Api.Identity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Security;

/// <summary>Only a token signed with the ledger's key names the actor; typed headers, foreign keys and expired tokens do not.</summary>
public class TokenTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task Headers_naming_an_actor_foreign_keys_and_expired_tokens_are_all_401_and_write_nothing()
    {
        var url = $"/api/units/{Sample.TownshipCode()}/assets";
        var foreignKey = SigningKey.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            { [SigningKey.Setting] = Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('k', 32))) }).Build(), "/nonexistent");
        var forged = new TokenIssuer(foreignKey, Sample.Clock).Issue("冒名者", Roles.TownshipClerk, ["36"], Duration.FromHours(1));
        var expired = new TokenIssuer(fixture.Host.Services.GetRequiredService<SigningKey>(),
            new Yesterday()).Issue("冒名者", Roles.TownshipClerk, ["36"], Duration.FromHours(1));

        foreach (var headers in new[]
                 {
                     new Dictionary<string, string> { ["X-Actor"] = "冒名者", ["X-Actor-Role"] = Roles.ReformOffice },
                     new Dictionary<string, string> { ["Authorization"] = "Bearer " + forged },
                     new Dictionary<string, string> { ["Authorization"] = "Bearer " + expired },
                     new Dictionary<string, string> { ["Authorization"] = "Bearer not-a-token" },
                 })
        {
            var result = await fixture.Host.Scenario(s =>
            {
                s.Post.Json(Sample.Vehicle()).ToUrl(url);
                foreach (var (name, value) in headers) s.WithRequestHeader(name, value);
                s.StatusCodeShouldBe(401);
            });
            (await result.ReadAsTextAsync()).ShouldContain("bearer token");
        }
        (await _api.EventsBy("冒名者")).ShouldBe(0);
    }

    [Fact]
    public async Task A_signature_in_another_partys_name_is_403_and_writes_nothing()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reform = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "撤并", approvalDocument = "赣府字〔2026〕31号", approvedOn = "2026-11-01",
            plannedFreezeDate = "2026-11-30", noticeDays = 0,
            predecessors = new[] { new { code = books.Code, name = "旧乡" } }, successors = new[] { new { code = Sample.TownshipCode(), name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        var account = await books.Account("bank", 1_000m, "state");
        await _api.Post($"/api/reforms/{reform}/freeze", Sample.Freeze(), 200);
        await books.DraftedAfterCounting(account);

        var refused = await books.Sign("receiving", "随便一个人", 403);
        refused.GetProperty("detail").GetString()!.ShouldContain(Books.Receiving);
        (await _api.EventsBy("随便一个人")).ShouldBe(0);
        (await books.SignedByAll()).GetProperty("handedOver").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void The_issuer_refuses_unknown_roles_malformed_units_and_clerks_without_units()
    {
        var issuer = fixture.Host.Services.GetRequiredService<TokenIssuer>();
        Should.Throw<ArgumentException>(() => issuer.Issue("张敏", "admin", [], Duration.FromHours(1)));
        Should.Throw<ArgumentException>(() => issuer.Issue("张敏", Roles.TownshipClerk, ["3607021"], Duration.FromHours(1)));
        Should.Throw<ArgumentException>(() => issuer.Issue("张敏", Roles.TownshipClerk, [], Duration.FromHours(1)));
        Should.Throw<ArgumentException>(() => issuer.Issue("张\u0000敏", Roles.Inspector, [], Duration.FromHours(1)));
    }

    [Fact]
    public void Without_a_configured_key_one_is_generated_once_into_the_data_folder_readable_only_by_its_owner()
    {
        var folder = Directory.CreateTempSubdirectory("sanzi-key-").FullName;
        var empty = new ConfigurationBuilder().Build();
        var first = SigningKey.Load(empty, folder);
        var file = Path.Combine(folder, SigningKey.FileName);

        first.Bytes.Length.ShouldBeGreaterThanOrEqualTo(32);
        SigningKey.Load(empty, folder).Bytes.ShouldBe(first.Bytes);
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.Delete(folder, recursive: true);
    }

    private sealed class Yesterday : IClock
    {
        public Instant GetCurrentInstant() => Sample.Now() - Duration.FromDays(1);
    }
}
