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
        (steps[1].GetProperty("purpose").GetString(), steps[1].GetProperty("accountCode").GetString(), steps[1].GetProperty("approver").GetString())
            .ShouldBe(("印刷", "5101", "主任"));
        steps[1].GetProperty("text").GetString()!.ShouldContain("付款 ¥100.00，对方" + payee + "，事由印刷，科目5101，审批人主任");

        await _api.CaughtUp();
        var counterparty = await _api.Get($"/api/trace/counterparties/{Uri.EscapeDataString(payee)}");
        counterparty.GetProperty("units").EnumerateArray().Select(u => u.GetString()).ShouldBe([books.Code, successor]);
        counterparty.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("amount").GetDecimal()).ShouldBe([100m, 200m]);

        await _api.Get($"/api/trace/items/{Guid.NewGuid()}", 404);
    }

    [Fact]
    public async Task A_disposal_shows_the_value_that_left_the_books_not_the_proceeds()
    {
        var books = new Books(_api, Sample.TownshipCode());
        await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        var excavator = await books.Asset("machinery", "挖掘机", 50_000m, 8_000m);
        await _api.Post($"/api/assets/{excavator}/disposal", new
        {
            idempotencyKey = Sample.Key(), method = "sale", proceeds = 5_000m, resolutionReference = "乡党委会议纪要〔2026〕5号", reason = "闲置多年",
            recipient = "某机械公司",
        }, 200);

        var disposal = (await _api.Get($"/api/trace/items/{excavator}")).GetProperty("steps")[1];
        disposal.GetProperty("amount").GetDecimal().ShouldBe(42_000m);
        disposal.GetProperty("purpose").GetString().ShouldBe("闲置多年");
        disposal.GetProperty("text").GetString()!.ShouldContain("资产处置 ¥42,000.00，对方某机械公司");
    }

    private Task Pay(Guid account, decimal amount, string payee) =>
        _api.Post($"/api/fund-accounts/{account}/payments", new
        {
            idempotencyKey = Sample.Key(), amount, payeeName = payee, payeeType = "outsideUnit", purpose = "印刷", accountCode = "5101",
            voucherNumber = "记-9", approval = new { approver = "主任", document = "审批单", approvedAt = "2026-01-05T02:00:00Z" },
        }, 200);
}
