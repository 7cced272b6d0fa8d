using System.Text.Json;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Leads;

/// <summary>How stored leads come and go: judged on whole commits only, withdrawn when they stop holding, annotated by inspectors.</summary>
public class LeadLifeTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    /// <summary>More items than the daemon's batch in the tests (Leads:BatchSize), so the signature's commit spans batches.</summary>
    private const int Items = 130;

    [Fact]
    public async Task A_handover_larger_than_the_daemons_batch_raises_no_lead_at_any_moment()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "撤并", approvalDocument = "赣府字〔2026〕32号", approvedOn = "2026-11-01",
            plannedFreezeDate = "2026-11-30", noticeDays = 0,
            predecessors = new[] { new { code = books.Code, name = "旧乡" } }, successors = new[] { new { code = Sample.TownshipCode(), name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        var items = new List<Guid>();
        // The township government's own desks (国有资产): a notice of 0 days is allowed for state assets only.
        for (var i = 0; i < Items; i++) items.Add(await books.Asset("officeEquipment", $"办公桌{i + 1}", 800m, ownership: "state"));
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        await books.DraftedAfterCounting([.. items]);

        (await books.SignedByAll()).GetProperty("itemsTransferred").GetInt32().ShouldBe(Items);

        await _api.CaughtUp();
        Rules(await _api.Get($"/api/leads?reform={reformId}")).ShouldBeEmpty();
        // Not even for a moment: a lead stored from half the commit would now be listed as withdrawn.
        Rules(await _api.Get($"/api/leads?reform={reformId}&withdrawn=true")).ShouldBeEmpty();
    }

    /// <summary>Two old townships of a reform that both paid one payee: a shared-payee lead for each.</summary>
    private async Task<(Guid ReformId, string Payee)> SharedPayee()
    {
        var (reformId, payee) = await SharedPayees.WriteAsync(_api);
        await _api.CaughtUp();
        Rules(await _api.Get($"/api/leads?reform={reformId}")).ShouldBe(["sharedPayee", "sharedPayee"]);
        return (reformId, payee);
    }

    [Fact]
    public async Task A_lead_that_stops_holding_is_kept_as_withdrawn_by_the_event_that_did_it()
    {
        var (reformId, payee) = await SharedPayee();

        await _api.Post("/api/counterparties", new { idempotencyKey = Sample.Key(), name = payee, kind = "utility", reason = "县供热公司，各乡统一缴费" }, 201);
        await _api.CaughtUp();

        Rules(await _api.Get($"/api/leads?reform={reformId}")).ShouldBeEmpty();
        var withdrawn = await _api.Get($"/api/leads?reform={reformId}&withdrawn=true");
        Rules(withdrawn).ShouldBe(["sharedPayee", "sharedPayee"]);
        withdrawn[0].GetProperty("withdrawn").GetProperty("type").GetString().ShouldBe("counterpartyRegistered");
        var register = (await _api.Get("/api/counterparties")).EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("kind").GetString());
        (register[payee], register[Sample.Utility]).ShouldBe(("utility", "utility"));
    }

    [Fact]
    public async Task An_inspector_assigns_and_dismisses_a_lead_with_a_reason_and_a_word_is_no_reason()
    {
        var (reformId, _) = await SharedPayee();
        var id = (await _api.Get($"/api/leads?reform={reformId}"))[0].GetProperty("id").GetString()!;
        var annotations = $"/api/leads/{Uri.EscapeDataString(id)}/annotations";

        await _api.Post(annotations, new { idempotencyKey = Sample.Key(), action = "assigned", assignee = "县纪委王某" }, 201);
        (await _api.Post(annotations, new { idempotencyKey = Sample.Key(), action = "dismissed", reason = "无" }, 400))
            .GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        await _api.Post(annotations, new { idempotencyKey = Sample.Key(), action = "dismissed", reason = "两乡同属县热力公司供暖区，缴费正常" }, 201);
        await _api.Post(annotations, new { idempotencyKey = Sample.Key(), action = "confirmed" }, 409);
        await _api.Post("/api/leads/nope/annotations", new { idempotencyKey = Sample.Key(), action = "confirmed" }, 404);

        var lead = await _api.Get($"/api/leads/{Uri.EscapeDataString(id)}");
        (lead.GetProperty("status").GetString(), lead.GetProperty("assignee").GetString()).ShouldBe(("dismissed", "县纪委王某"));
        lead.GetProperty("annotations").GetArrayLength().ShouldBe(2);
        lead.GetProperty("lead").GetProperty("rule").GetString().ShouldBe("sharedPayee");
    }

    private static List<string> Rules(JsonElement leads) => leads.EnumerateArray().Select(l => l.GetProperty("rule").GetString()!).ToList();
}
