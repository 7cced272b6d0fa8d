using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Funds;

public class PaymentTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task Over_http_a_frozen_unit_pays_only_under_the_reform_offices_exception()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reform = await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        var reformId = reform.GetProperty("reformId").GetGuid();
        var account = await books.Account("bank", 10_000m);
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);

        await books.Payment(account, 800m, 409);
        var exception = await _api.Post($"/api/reforms/{reformId}/exceptions", new
        {
            idempotencyKey = Sample.Key(), unitCode = books.Code, scope = "payment", maxAmount = 1_000m, approver = "县财政局局长",
            document = "财特批〔2026〕3号", reason = "支付五保户供养金",
        }, 201);
        var paid = await books.Payment(account, 800m, 200, exception.GetProperty("exceptionId").GetGuid());
        paid.GetProperty("value").GetDecimal().ShouldBe(9_200m);
        await books.Payment(account, 800m, 400, Guid.NewGuid());
    }
}
