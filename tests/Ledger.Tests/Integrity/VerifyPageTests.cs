using Bunit;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Npgsql;
using Sanzi.Api.Identity;
using Sanzi.Api.Integrity;
using Sanzi.Api.Screens;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Integrity;

/// <summary>The verify page, rendered by bUnit against a ledger of its own in-process, when verify fails part-way.</summary>
public sealed class VerifyPageTests
{
    [Fact]
    public async Task A_verify_that_fails_after_its_answer_started_streaming_is_told_on_the_page_instead_of_waiting_forever()
    {
        var (host, _) = await SeparateLedger.StartAsync("verify_page");
        await using var _ = host;
        // Verify reads the replayed documents' tables once it has answered its first line (the seals): without one it fails there.
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop table {store.Options.Schema.For<Sanzi.Ledger.Reforms.Reform>()}", connection);
            await drop.ExecuteNonQueryAsync();
        }
        var inspector = new LedgerSession("纪检-王", Roles.Inspector,
            host.Services.GetRequiredService<TokenIssuer>().Issue("纪检-王", Roles.Inspector, [], TokenIssuer.DefaultLifetime), []);

        var (answer, lines, broken) = await new LedgerClientFactory(() => host.Server.CreateClient()).For(inspector).GetLinesAsync("/api/verify");
        answer.Ok.ShouldBeTrue("the answer had started (200) before verify failed");
        lines.ShouldNotBeEmpty();
        broken.ShouldBeTrue();

        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(new LedgerClientFactory(() => host.Server.CreateClient()));
        var page = context.Render<VerifyPage>(p => p.AddCascadingValue(inspector));

        // The page renders again once its chain head has loaded; a click before that would hit a button already replaced.
        page.WaitForAssertion(() => page.Markup.ShouldNotContain("读取中…"), TimeSpan.FromSeconds(60));
        page.Find("[data-submit=verify]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=verify-refusal]").TextContent.ShouldContain("核验中断"), TimeSpan.FromSeconds(60));
        page.FindAll("[data-testid=verify-result]").ShouldBeEmpty("no verdict is shown for a check that did not finish");
        page.FindAll(".mud-progress-linear").ShouldBeEmpty("the page stops waiting");
    }
}
