using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Screens;

/// <summary>
/// The steps of one village merger as a person takes them in the browser: fill a form of the reform or books page,
/// press its button, wait until the unit shows the stage the step leads to. Forms are found by their
/// <c>data-form</c> key and fields by their input ids (<c>{key}-{field}</c>), as <c>LedgerForm</c> writes them.
/// </summary>
public sealed class BrowserMerger(ScreensLedger screens, string old, string successor)
{
    private static string Today => LedgerProcess.Today();

    private string? _reform;

    /// <summary>The office declares the reform on the reforms page; returns the reform page's address.</summary>
    public async Task<string> Declare(IPage office, string title)
    {
        await office.GotoAsync(screens.Url("/reforms"));
        await Fill(office, "declare", ("title", title), ("approvalDocument", "临政复〔2026〕9号"), ("plannedFreezeDate", Today), ("noticeDays", "0"),
            ("predecessors", $"{old} 南岭村"), ("successors", $"{successor} 岭南村"));
        await office.ClickAsync("[data-submit=declare]");
        // The page moves to the new reform within the circuit (no page load to wait for): its unit card shows it.
        await office.WaitForSelectorAsync($"[data-unit='{old}'] [data-stage=inReform]");
        Regex.IsMatch(office.Url, "/reforms/[0-9a-f-]{36}$").ShouldBeTrue(office.Url);
        return _reform = office.Url;
    }

    public async Task RegisterAsset(IPage clerk, string name, decimal value)
    {
        await clerk.GotoAsync(screens.Url($"/books/{old}"));
        await clerk.WaitForSelectorAsync("[data-form=asset]");
        await Fill(clerk, "asset", ("name", name), ("originalValue", value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("acquiredOn", "2015-06-01"), ("location", "南岭村村部"));
        await clerk.ClickAsync("[data-submit=asset]");
        await clerk.WaitForSelectorAsync($".items-table >> text={name}");
    }

    /// <summary>四个会: each submission records the next meeting still missing, until none is.</summary>
    public async Task HoldFourMeetings(IPage office)
    {
        await office.GotoAsync(_reform!);
        for (var missing = 4; missing > 0; missing--)
        {
            await office.WaitForFunctionAsync($"() => document.querySelectorAll(\"[data-blocker='{old}'] .mud-chip\").length === {missing}");
            await Fill(office, $"resolution-{old}", ("document", $"南岭村决议〔2026〕{5 - missing}号"));
            await office.ClickAsync($"[data-submit='resolution-{old}']");
        }
        await office.WaitForFunctionAsync($"() => document.querySelectorAll(\"[data-blocker='{old}'] .mud-chip\").length === 0");
    }

    /// <summary>One form of the reform page, filled and sent; done when the unit shows <paramref name="stage"/>.</summary>
    public async Task Step(IPage page, string form, string stage, params (string Field, string Text)[] fields)
    {
        if (page.Url != _reform) await page.GotoAsync(_reform!);
        await page.WaitForSelectorAsync($"[data-form='{form}']");
        await Fill(page, form, fields);
        await page.ClickAsync($"[data-submit='{form}']");
        await page.WaitForSelectorAsync($"[data-unit='{old}'] [data-stage={stage}]");
    }

    /// <summary>清点: the item chosen in the books' table, its result picked, the count form gone once recorded.</summary>
    public async Task Count(IPage clerk, string item, string result, params (string Field, string Text)[] fields)
    {
        if (!clerk.Url.EndsWith($"/books/{old}", StringComparison.Ordinal)) await clerk.GotoAsync(screens.Url($"/books/{old}"));
        await clerk.ClickAsync($".items-table >> text={item}");
        await clerk.ClickAsync($"[data-form=count] >> text=\"{result}\"");
        await Fill(clerk, "count", fields);
        await clerk.ClickAsync("[data-submit=count]");
        await clerk.WaitForSelectorAsync("[data-form=count]", new() { State = WaitForSelectorState.Detached });
    }

    public async Task ResolveObjection(IPage clerk, string outcome, string reason)
    {
        await clerk.ClickAsync($"[data-form^=resolve-] >> text=\"{outcome}\"");
        await clerk.Locator("[data-form^=resolve-] input[id$='-reason']").FillAsync(reason);
        await clerk.Locator("[data-form^=resolve-] input[id$='-reason']").BlurAsync();
        await clerk.ClickAsync("[data-form^=resolve-] [data-submit^=resolve-]");
        await clerk.WaitForSelectorAsync($"[data-blocker='{old}'] >> text=待公示期满后");
    }

    /// <summary>A party signs the handover register from their own token, choosing the role the register names them in.</summary>
    public async Task Sign(IPage signer, string role, string stage)
    {
        await signer.GotoAsync(_reform!);
        await signer.ClickAsync($"[data-form='sign-{old}'] >> text=\"{role}\"");
        await signer.ClickAsync($"[data-submit='sign-{old}']");
        await signer.WaitForSelectorAsync(stage == "closed" ? $"[data-unit='{old}'] [data-stage=closed]" : $"[data-unit='{old}'] >> text=/已签字.*{role}/");
    }

    /// <summary>The inspector filters the leads by the old unit (they are found in the background, so asks again until shown).</summary>
    public async Task OpenLead(IPage inspector, string rule)
    {
        await inspector.GotoAsync(screens.Url("/leads"));
        await Fill(inspector, "lead", ("unit", old));
        for (var tries = 0; tries < 30 && await inspector.Locator($".leads-table >> text={rule}").CountAsync() == 0; tries++)
        {
            await inspector.ClickAsync("text=\"筛选\"");
            await Task.Delay(1000);
        }
        await inspector.ClickAsync($".leads-table >> text={rule}");
        await inspector.WaitForSelectorAsync("[data-lead] .item-history");
        await screens.Shot(inspector, "lead");
    }

    /// <summary>Typed as a person types, then left: the screens take a field's value when it changes.</summary>
    private static async Task Fill(IPage page, string form, params (string Field, string Text)[] fields)
    {
        foreach (var (field, text) in fields)
        {
            var input = page.Locator($"#{form}-{field}");
            await input.FillAsync(text);
            await input.BlurAsync();
        }
    }
}
