using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Sanzi.Api.Identity;
using Sanzi.Api.Leads;
using Sanzi.Api.Screens;
using Sanzi.Api.Units;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Screens;

/// <summary>Components rendered by bUnit, talking to the real ledger in-process through its HTTP API.</summary>
public sealed class ComponentTests(LedgerFixture fixture)
{

    private LedgerSession Office => new("县改革办-测试", Roles.ReformOffice,
        fixture.Host.Services.GetRequiredService<TokenIssuer>().Issue("县改革办-测试", Roles.ReformOffice, [], TokenIssuer.DefaultLifetime), []);

    private BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(new LedgerClientFactory(() => fixture.Host.Server.CreateClient()));
        return context;
    }

    [Fact]
    public async Task A_refused_form_shows_the_ledgers_reason_next_to_the_field_it_names_and_writes_nothing()
    {
        await using var context = Context();
        var form = context.Render<LedgerForm>(p => p
            .Add(f => f.Key, "declare").Add(f => f.Title, "申报调整方案").Add(f => f.Path, "/api/reforms")
            .Add(f => f.Fields, [new FormField("title", "方案名称"), new FormField("approvalDocument", "批准文号", Initial: "临政复〔2026〕99号")])
            .AddCascadingValue(Office));

        form.Find("[data-submit=declare]").Click();

        form.WaitForAssertion(() => form.Find("[data-refusal=declare]"), TimeSpan.FromSeconds(20));
        var titleField = form.FindAll(".mud-input-control").First(c => c.TextContent.Contains("方案名称"));
        titleField.ClassList.ShouldContain("mud-input-error");
        titleField.TextContent.ShouldContain("is required");
        form.FindAll(".mud-input-control").First(c => c.TextContent.Contains("批准文号")).ClassList.ShouldNotContain("mud-input-error");
    }

    [Fact]
    public async Task The_book_versus_verified_chart_draws_a_pair_of_bars_per_category_with_chinese_names()
    {
        await using var context = Context();
        var totals = JsonDocument.Parse("""
            [{"kind":"asset","category":"building","bookValue":360000,"verifiedValue":355000},{"kind":"fund","category":"bank","bookValue":120000,"verifiedValue":120000}]
            """).RootElement.EnumerateArray().ToList();

        var chart = context.Render<BookVsVerifiedChart>(p => p.Add(c => c.Totals, totals));

        chart.Markup.ShouldContain("账面价值");
        chart.Markup.ShouldContain("核实价值");
        chart.Markup.ShouldContain("固定资产-房屋建筑物");
        chart.Markup.ShouldContain("银行存款");
        chart.FindAll("svg path.mud-chart-bar, svg rect.mud-chart-bar, svg .mud-chart-bar").Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_rush_spending_lead_draws_its_running_total_against_the_limit_of_its_baseline()
    {
        await using var context = Context();
        var lead = JsonDocument.Parse("""
            {"rule":"rushSpending","threshold":12000,"events":[
              {"type":"unitFrozen","businessDate":"2026-11-30","value":null},
              {"type":"paymentRecorded","businessDate":"2026-11-20","value":9000},
              {"type":"paymentRecorded","businessDate":"2026-11-25","value":6000},
              {"type":"paymentRecorded","businessDate":"2026-11-25","value":4000}]}
            """).RootElement;

        var curve = context.Render<LeadSpendingCurve>(p => p.Add(c => c.Lead, lead));

        curve.Find(".spending-curve").TextContent.ShouldContain("累计 19,000.00，限额 12,000.00");
        curve.Markup.ShouldContain("累计支出");
        curve.Markup.ShouldContain("限额（基线测算）");
        curve.Markup.ShouldContain("2026年11月20日");
        curve.Markup.ShouldContain("2026年11月25日");
        curve.FindAll("path.mud-chart-line").Count.ShouldBe(2, "the running total and the limit");
    }
}
