using Sanzi.Tests.Support;
using Shouldly;
using static Sanzi.Tests.Support.Reports;

namespace Sanzi.Tests.Reports;

/// <summary>
/// The merger with two movements planted after the members confirmed the verified results and before the
/// handover, each under an exception (特批): 2,000 paid from 西村's bank account, and 西村's payable to 县建筑公司
/// raised by 1,000. The handover carries the moved balances, so the reconciliation must show both differences
/// against the verified figures, each with its item, and the debt register must mark the change after the lock.
/// </summary>
public class PlantedDifferenceTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task The_reconciliation_traces_each_planted_difference_to_its_item_and_is_not_reconciled()
    {
        var m = await VillageMerger.Run(_api, async m =>
        {
            await m.West.Payment(m.WestBank, 2_000m, 200, await Exception(m, "payment", 2_000m));
            await _api.Post($"/api/debts/{m.WestPayable}/increases", new
            {
                idempotencyKey = Sample.Key(), amount = 1_000m, reason = "工程结算补差", document = "结算单〔2026〕9号",
                exceptionId = await Exception(m, "liability", 1_000m),
            }, 200);
        });

        var report = await _api.Get($"/api/reforms/{m.ReformId}/reconciliation");
        (report.GetProperty("allHandedOver").GetBoolean(), report.GetProperty("reconciled").GetBoolean()).ShouldBe((true, false));
        var differences = report.GetProperty("differences").EnumerateArray()
            .Select(d => (d.Str("unitCode"), d.GetProperty("itemId").GetGuid(), d.Dec("expected"), d.Dec("actual"), d.Dec("difference"))).ToList();
        differences.ShouldBe(
        [
            (m.West.Code, m.WestBank, 80_000m, 78_000m, -2_000m),
            (m.West.Code, m.WestPayable, 12_000m, 13_000m, 1_000m),
        ], ignoreOrder: true);
        var bank = report.GetProperty("oldUnits").EnumerateArray().Single(c => c.Str("unitCode") == m.West.Code && c.Str("category") == "bank");
        (bank.Dec("expected"), bank.Dec("actual"), bank.Dec("difference")).ShouldBe((80_000m, 78_000m, -2_000m));
        // What arrived is what left: the new unit's side of the reconciliation has no difference.
        report.GetProperty("newUnits").EnumerateArray().ShouldAllBe(c => c.GetProperty("difference").GetDecimal() == 0m);

        var csv = System.Text.Encoding.UTF8.GetString((await _api.Download($"/api/reforms/{m.ReformId}/reconciliation?format=csv")).Body);
        csv.ShouldContain("差异明细");
        csv.ShouldContain("农商行基本户,银行存款,80000.00,78000.00,-2000.00,,,核实后发生收付或增减");

        var debts = await _api.Get(Unit(m.West.Code, "debts"));
        var builder = Counterparty(debts, "县建筑公司");
        (builder.Dec("lockedBalance"), builder.Dec("currentBalance"), builder.GetProperty("changedAfterLock").GetBoolean())
            .ShouldBe((12_000m, 13_000m, true));
        var movement = builder.GetProperty("lines")[0].GetProperty("movementsSinceLock").EnumerateArray().Single();
        (movement.Str("kind"), movement.Dec("amount"), movement.Str("document")).ShouldBe(("increase", 1_000m, "结算单〔2026〕9号"));
    }

    private async Task<Guid> Exception(VillageMerger m, string scope, decimal max) =>
        (await _api.Post($"/api/reforms/{m.ReformId}/exceptions", new
        {
            idempotencyKey = Sample.Key(), unitCode = m.West.Code, scope, maxAmount = max, approver = "县财政局局长",
            document = "财特批〔2026〕3号", reason = "合并前必须结清的工程款",
        }, 201, "reform-office")).GetProperty("exceptionId").GetGuid();
}
