using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Leads;

/// <summary>
/// Two old townships of one reform, busy with ordinary business, with one case of every red-flag rule
/// planted among it: the leads of the reform must be exactly the planted ones.
/// </summary>
public class RedFlagScenarioTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);
    private static readonly LocalDate Today = Stamp.DayOf(SystemClock.Instance.GetCurrentInstant());

    private static string DaysAgo(int days) => Today.PlusDays(-days).ToString("yyyy-MM-dd", null);

    private Task<JsonElement> Pay(Guid account, decimal amount, string payee, string businessDate, string payeeType = "outsideUnit",
        Guid? exceptionId = null, string actor = LedgerApi.DefaultActor) =>
        _api.Post($"/api/fund-accounts/{account}/payments", new
        {
            idempotencyKey = Sample.Key(), amount, payeeName = payee, payeeType, purpose = "日常开支", accountCode = "541",
            voucherNumber = "记-" + Random.Shared.Next(1, 999),
            approval = new { approver = "镇长", document = "镇务会纪要〔2026〕1号", approvedAt = "2026-01-05T02:00:00Z" },
            businessDate, exceptionId,
        }, 200, actor);

    private async Task<Guid> Exception(Guid reformId, string unit, string scope, decimal max) =>
        (await _api.Post($"/api/reforms/{reformId}/exceptions", new
        {
            idempotencyKey = Sample.Key(), unitCode = unit, scope, maxAmount = max, approver = "县财政局", document = "财特批〔2026〕9号",
            reason = "急需",
        }, 201)).GetProperty("exceptionId").GetGuid();

    [Fact]
    public async Task Every_planted_case_is_found_and_no_clean_activity_is()
    {
        var startedAt = SystemClock.Instance.GetCurrentInstant();
        var a = new Books(_api, Sample.TownshipCode());
        var b = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "两乡并一镇", approvalDocument = "赣府字〔2026〕31号", approvedOn = "2026-01-01",
            plannedFreezeDate = "2026-01-02", noticeDays = 0,
            predecessors = new[] { new { code = a.Code, name = "东乡" }, new { code = b.Code, name = "西乡" } },
            successors = new[] { new { code = Sample.TownshipCode(), name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();

        // Before the freeze. Both units pay a different supplier every month, 1,000 each: their baseline.
        var bankA = await a.Account("bank", 1_000_000m);
        // 西乡's are the township government's state assets (国有资产), whose results need no members' notice period.
        var bankB = await b.Account("bank", 1_000_000m, "state");
        foreach (var days in new[] { 45, 75, 105, 135, 165, 195 })
        {
            await Pay(bankA, 1_000m, $"东乡供应商{days}", DaysAgo(days));
            await Pay(bankB, 1_000m, $"西乡供应商{days}", DaysAgo(days));
        }
        await Pay(bankB, 1_000m, "西乡供应商10", DaysAgo(10));                         // clean: within the baseline
        await Pay(bankA, 20_000m, "某装修公司", DaysAgo(5));                           // rushSpending
        var cashA = await a.Account("cash", 3_000m);
        await a.Receipt(cashA, 3_000m);                                                 // cashAboveLimit
        await Pay(cashA, 1_500m, "某饭店", DaysAgo(320));                               // largeCashPayment
        await Pay(bankA, 600m, "张三劳务", DaysAgo(250), "individual");                 // splitPayment
        await Pay(bankA, 600m, "张三劳务", DaysAgo(249), "individual");
        await Pay(bankA, 800m, "王五", DaysAgo(260), "individual");                     // sharedPayee (both units)
        await Pay(bankB, 800m, "王五", DaysAgo(300), "individual");
        await Pay(bankB, 900m, "李会计", DaysAgo(280), "individual");                   // payeeIsActor ...
        await _api.Post($"/api/fund-accounts/{bankB}/receipts", new                      // ... who records an entry
        {
            idempotencyKey = Sample.Key(), amount = 50m, payer = "村民", payerType = "individual", purpose = "租金", accountCode = "511",
            voucherNumber = "收-1",
        }, 200, "李会计");
        var excavator = await a.Asset("machinery", "挖掘机", 50_000m);
        var claimB = await b.Debt("claim", "receivable", "某企业", 8_000m, ownership: "state");
        var vehicleB = await b.Asset("vehicle", "皮卡车", 80_000m, ownership: "state");
        var buildingB = await b.Asset("building", "办公楼", 100_000m, ownership: "state");
        var computerB = await b.Asset("officeEquipment", "电脑", 10_000m, ownership: "state");

        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);

        // After the freeze.
        await Pay(bankA, 500m, "县医院", Sample.Today(), exceptionId: await Exception(reformId, a.Code, "payment", 500m)); // exceptedOutflow
        await a.LockDebts();
        await _api.Post($"/api/units/{a.Code}/debts", new                              // debtInflation (and exceptedOutflow)
        {
            idempotencyKey = Sample.Key(), side = "liability", kind = "payable", counterparty = "某工程队", counterpartyType = "outsideUnit",
            amount = 30_000m, document = "欠条", exceptionId = await Exception(reformId, a.Code, "liability", 30_000m),
        }, 201);
        await _api.Post($"/api/assets/{excavator}/disposal", new                        // transferToNonSuccessor (and exceptedOutflow)
        {
            idempotencyKey = Sample.Key(), method = "sale", proceeds = 5_000m, resolutionReference = "乡务会〔2026〕3号", reason = "闲置",
            recipient = "某私人老板", exceptionId = await Exception(reformId, a.Code, "disposal", 50_000m),
        }, 200);
        await _api.Post($"/api/fund-accounts/{bankB}/receipts", new                      // backDatedEntry
        {
            idempotencyKey = Sample.Key(), amount = 200m, payer = "县财政局", payerType = "outsideUnit", purpose = "补助", accountCode = "522",
            voucherNumber = "收-2", businessDate = DaysAgo(1), correctionReason = "漏记",
        }, 200);
        await PlantUnexceptedPayment(bankB, b.Code);                                    // outflowInFreeze
        await b.LockDebts();
        await _api.Post($"/api/debts/{claimB}/reductions", new                          // claimLoss
        {
            idempotencyKey = Sample.Key(), amount = 3_000m, how = "writeOff", document = "核销决议",
            approval = new { approver = "乡长", document = "乡务会〔2026〕4号", approvedAt = "2026-01-05T02:00:00Z" },
        }, 200);
        await b.Count(bankB);
        await b.Count(claimB);
        await b.Count(vehicleB, "missing", reason: "去向不明");                         // shortageAtCount, itemNotHandedOver
        await b.Count(buildingB, "adjusted", 50_000m, "评估减值");                       // unapprovedWriteDown
        await b.Count(computerB, "adjusted", 9_500m, "折旧");                            // clean: a small write-down
        await b.CloseInventory();
        await b.PublishNotice();
        await b.Confirm();
        await b.DraftHandover();
        await b.SignedByAll();

        await _api.CaughtUp();
        var found = Leads(await _api.Get($"/api/leads?reform={reformId}"));
        string[] expected =
        [
            $"{a.Code} cashAboveLimit", $"{a.Code} debtInflation", $"{a.Code} exceptedOutflow", $"{a.Code} exceptedOutflow",
            $"{a.Code} exceptedOutflow", $"{a.Code} largeCashPayment", $"{a.Code} rushSpending", $"{a.Code} sharedPayee",
            $"{a.Code} splitPayment", $"{a.Code} transferToNonSuccessor",
            $"{b.Code} backDatedEntry", $"{b.Code} claimLoss", $"{b.Code} itemNotHandedOver", $"{b.Code} outflowInFreeze",
            $"{b.Code} payeeIsActor", $"{b.Code} sharedPayee", $"{b.Code} shortageAtCount", $"{b.Code} unapprovedWriteDown",
        ];
        found.ShouldBe(expected.Order(StringComparer.Ordinal), ignoreOrder: false);

        var split = (await _api.Get($"/api/leads?reform={reformId}&rule=splitPayment"))[0];
        split.GetProperty("counterparty").GetString().ShouldBe("张三劳务");
        split.GetProperty("amount").GetDecimal().ShouldBe(1_200m);
        split.GetProperty("events").GetArrayLength().ShouldBe(2);
        split.GetProperty("actors")[0].GetString().ShouldBe(LedgerApi.DefaultActor);

        var period = $"from={startedAt}&to={SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(1)}";
        Leads(await _api.Get($"/api/leads?reform={reformId}&{period}")).ShouldBe(found);
        Leads(await _api.Get($"/api/leads?unit={b.Code}&{period}")).ShouldBe(found.Where(l => l.StartsWith(b.Code)));
    }

    [Fact]
    public async Task Unknown_filters_are_refused_naming_the_parameter()
    {
        (await _api.Get("/api/leads?rule=nope", 400)).GetProperty("errors").GetProperty("rule")[0].GetString()!.ShouldContain("splitPayment");
        (await _api.Get("/api/leads?reform=x", 400)).GetProperty("errors").TryGetProperty("reform", out _).ShouldBeTrue();
        (await _api.Get("/api/leads?from=2026-01-01T00:00:00Z", 400)).GetProperty("errors").TryGetProperty("reform", out _).ShouldBeTrue();
    }

    private static List<string> Leads(JsonElement leads) =>
        leads.EnumerateArray().Select(l => $"{l.GetProperty("unitCode").GetString()} {l.GetProperty("rule").GetString()}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>A payment after the freeze without an exception, written around the command's guard, as an import could.</summary>
    private async Task PlantUnexceptedPayment(Guid account, string unit)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.Append(account, new PaymentRecorded(account, unit, 700m, new Payee("某公司", HolderType.OutsideUnit, null), "导入",
            "541", "记-导入", new Approval("某人", "无", SystemClock.Instance.GetCurrentInstant()), null, null,
            Sample.Stamp() with { Actor = "importer" }));
        await session.SaveChangesAsync();
    }
}
