using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Handovers;

public class HandoverTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    /// <summary>A township with one bank account, taken through to a drafted handover register.</summary>
    private async Task<(Books Books, Guid ReformId, Guid Account)> Drafted()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "撤并", approvalDocument = "赣府字〔2026〕30号", approvedOn = "2026-11-01",
            plannedFreezeDate = "2026-11-30", noticeDays = 0,
            predecessors = new[] { new { code = books.Code, name = "旧乡" } }, successors = new[] { new { code = Sample.TownshipCode(), name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        var account = await books.Account("bank", 10_000m, "state");
        await books.DraftHandover(409);
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        await books.DraftedAfterCounting(account);
        return (books, reformId, account);
    }

    [Fact]
    public async Task The_three_parties_must_be_three_people_each_signing_once()
    {
        var (books, _, _) = await Drafted();
        await books.DraftHandover(handingOver: "li", receiving: "li", supervising: "zhao");
        await books.Sign("handingOver", "li");
        await books.Sign("receiving", "li", 409);
        await books.Sign("handingOver", "wang", 409);
        (await books.View()).GetProperty("stage").GetString().ShouldBe("handoverDrafted");
    }

    [Fact]
    public async Task A_register_the_books_moved_away_from_is_refused_until_drawn_up_again()
    {
        var (books, reformId, account) = await Drafted();
        await books.DraftHandover(handingOver: "li", receiving: "wang", supervising: "zhao");
        await books.Sign("handingOver", "li");
        await books.Sign("receiving", "wang");
        var exception = await _api.Post($"/api/reforms/{reformId}/exceptions", new
        {
            idempotencyKey = Sample.Key(), unitCode = books.Code, scope = "payment", maxAmount = 500m, approver = "县财政局",
            document = "财特批〔2026〕4号", reason = "工资",
        }, 201);
        await books.Payment(account, 500m, 200, exception.GetProperty("exceptionId").GetGuid(), accountCode: "5101");

        (await books.Sign("supervising", "zhao", 409)).GetProperty("detail").GetString()!.ShouldContain("changed since");

        (await books.DraftHandover()).GetProperty("totals")[0].GetProperty("verifiedValue").GetDecimal().ShouldBe(9_500m);
        (await books.SignedByAll()).GetProperty("handedOver").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Once_handed_over_the_old_books_refuse_every_write()
    {
        var (books, _, account) = await Drafted();
        await books.SignedByAll();

        await books.Asset("vehicle", "车", 1m).ShouldThrowAsync<Exception>();
        var refusal = await _api.Post($"/api/units/{books.Code}/debts", new
        {
            idempotencyKey = Sample.Key(), side = "liability", kind = "payable", counterparty = "某公司", counterpartyType = "outsideUnit",
            amount = 1m, document = "x",
        }, 409);
        refusal.GetProperty("detail").GetString()!.ShouldContain("closed");
        (await _api.Get($"/api/items/{account}")).GetProperty("unitCode").GetString().ShouldNotBe(books.Code);
    }
}
