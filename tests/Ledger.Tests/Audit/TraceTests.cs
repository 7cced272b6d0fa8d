using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Audit;

public class TraceTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task An_account_and_its_counterparty_are_traced_across_the_handover()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var successor = Sample.TownshipCode();
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "撤并", approvalDocument = "赣府字〔2026〕32号", approvedOn = "2026-01-01",
            plannedFreezeDate = "2026-01-02", noticeDays = 0,
            predecessors = new[] { new { code = books.Code, name = "旧乡" } }, successors = new[] { new { code = successor, name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        // The township government's own account (国有资产): a notice of 0 days is allowed for state assets only.
        var account = await books.Account("bank", 10_000m, "state");
        var payee = "印刷厂-" + Sample.Key()[..8];
        await Pay(account, 100m, payee);
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        await books.DraftedAfterCounting(account);
        await books.SignedByAll();
        await Pay(account, 200m, payee);

        var trace = await _api.Get($"/api/trace/items/{account}");
        trace.GetProperty("units").EnumerateArray().Select(u => u.GetString()).ShouldBe([books.Code, successor]);
        var steps = trace.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("type").GetString()).ShouldBe(
            ["fundAccountOpened", "paymentRecorded", "itemCounted", "itemTransferred", "paymentRecorded"]);
        steps[3].GetProperty("actor").GetString().ShouldBe(Books.Supervisor);
        steps[4].GetProperty("unitCode").GetString().ShouldBe(successor);

        await _api.CaughtUp();
        var counterparty = await _api.Get($"/api/trace/counterparties/{Uri.EscapeDataString(payee)}");
        counterparty.GetProperty("units").EnumerateArray().Select(u => u.GetString()).ShouldBe([books.Code, successor]);
        counterparty.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("amount").GetDecimal()).ShouldBe([100m, 200m]);

        await _api.Get($"/api/trace/items/{Guid.NewGuid()}", 404);
    }

    private Task Pay(Guid account, decimal amount, string payee) =>
        _api.Post($"/api/fund-accounts/{account}/payments", new
        {
            idempotencyKey = Sample.Key(), amount, payeeName = payee, payeeType = "outsideUnit", purpose = "印刷", accountCode = "541",
            voucherNumber = "记-9", approval = new { approver = "主任", document = "审批单", approvedAt = "2026-01-05T02:00:00Z" },
        }, 200);
}
