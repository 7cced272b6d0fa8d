using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Debts;

public class DebtTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task The_lock_records_each_counterpartys_balance()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var loan = await books.Debt("liability", "loan", "县农商银行", 50_000m);
        var claim = await books.Debt("claim", "receivable", "个体户陈某", 8_000m, "individual");
        await books.LockDebts(409);
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);

        var locked = await books.LockDebts();

        var balances = locked.GetProperty("balances").EnumerateArray().ToDictionary(b => b.GetProperty("debtId").GetGuid(), b => b.GetProperty("balance").GetDecimal());
        balances.ShouldBe(new Dictionary<Guid, decimal> { [loan] = 50_000m, [claim] = 8_000m }, ignoreOrder: true);
        await _api.Post($"/api/debts/{loan}/increases", new { idempotencyKey = Sample.Key(), amount = 1_000m, reason = "利息", document = "银行通知" }, 409);
    }
}
