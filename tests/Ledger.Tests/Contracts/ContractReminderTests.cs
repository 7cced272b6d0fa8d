using System.Text.Json;
using NodaTime;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Contracts;

/// <summary>Resource contracts that remind: one running out within 90 days, one whose rent for the year under way is unpaid.</summary>
public class ContractReminderTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task Contracts_running_out_and_in_arrears_are_listed_per_unit_and_per_reform_and_the_arrears_are_a_lead()
    {
        var today = Sample.TodayDate();
        var books = new Books(_api, Sample.TownshipCode()) { On = today.PlusYears(-1).PlusDays(-50) };
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var (field, orchard) = (await books.Resource("cropland", 120m), await books.Resource("orchard", 30m));
        var account = await books.Account("bank", 1_000m);
        // Entered when signed: the field's second year began 40 days ago and its rent is unpaid; the orchard runs out in 60 days.
        await Contract(field, "种粮大户张某", books.On.Value.PlusDays(10), today.PlusYears(8), 36_000m, books.On.Value);
        await Contract(orchard, "果农合作社", books.On.Value, today.PlusDays(60), 9_000m, books.On.Value);
        books.On = null;
        await _api.Post($"/api/fund-accounts/{account}/receipts", new
        {
            idempotencyKey = Sample.Key(), amount = 9_000m, payer = "果农合作社", payerType = "outsideUnit", purpose = "果园承包费", accountCode = "511",
            voucherNumber = "收-3",
        }, 200);

        var report = await _api.Get($"/api/units/{books.Code}/contracts");
        (report.GetProperty("expiringSoon").GetInt32(), report.GetProperty("inArrears").GetInt32()).ShouldBe((1, 1));
        var rows = report.GetProperty("contracts").EnumerateArray().Select(r => r.GetProperty("contract")).ToList();
        rows.Select(r => (r.GetProperty("contractor").GetString(), r.GetProperty("daysLeft").GetInt32(), r.GetProperty("arrears").GetDecimal()))
            .ShouldBe([("果农合作社", 60, 0m), ("种粮大户张某", Period.Between(today, today.PlusYears(8), PeriodUnits.Days).Days, 36_000m)]);
        (await _api.Get($"/api/reforms/{reformId}/contracts")).GetProperty("contracts").GetArrayLength().ShouldBe(2);

        await _api.CaughtUp();
        var lead = (await _api.Get($"/api/leads?reform={reformId}&rule=rentInArrears")).EnumerateArray().ShouldHaveSingleItem();
        lead.GetProperty("counterparty").GetString().ShouldBe("种粮大户张某");
        lead.GetProperty("amount").GetDecimal().ShouldBe(36_000m);
    }

    private Task<JsonElement> Contract(Guid resource, string contractor, LocalDate from, LocalDate to, decimal rent, LocalDate signedOn) =>
        _api.Post($"/api/resources/{resource}/contracts", new
        {
            idempotencyKey = Sample.Key(), contractor, contractorType = "outsideUnit", contractNumber = $"承包〔{from.Year}〕{Random.Shared.Next(1, 99)}号",
            from = Sample.Iso(from), to = Sample.Iso(to), annualRent = rent, businessDate = Sample.Iso(signedOn),
        }, 200);
}
