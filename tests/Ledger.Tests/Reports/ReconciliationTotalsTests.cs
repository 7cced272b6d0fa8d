using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Reconciliation;
using Sanzi.Projections.Reports;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Reports;

/// <summary>
/// The reconciliation answers from the sums and differences the catalog projection keeps, not from the catalog rows:
/// over a whole merger (counts with a shortage, a surplus and an adjusted value, a payment of 1,999.50 after the lock,
/// the handover) the kept figures give exactly the report that folding every row gives, decimals' scales included,
/// both when everything is counted but nothing handed over and once the handover is signed.
/// </summary>
public class ReconciliationTotalsTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task The_kept_reconciliation_is_the_one_folded_from_every_row_before_and_after_the_handover()
    {
        (string Kept, string Folded, ReconciliationReport Report) counted = default;
        var m = await VillageMerger.Run(_api, async m =>
        {
            counted = await BothAsync(m);
            var exception = (await _api.Post($"/api/reforms/{m.ReformId}/exceptions", new
            {
                idempotencyKey = Sample.Key(), unitCode = m.West.Code, scope = "payment", maxAmount = 2_000m, approver = "县财政局局长",
                document = "财特批〔2026〕5号", reason = "支付合并前审计费",
            }, 201, "reform-office")).GetProperty("exceptionId").GetGuid();
            await m.West.Payment(m.WestBank, 1_999.50m, 200, exception);
        });

        // Counted, not handed over: every item counted at a value differs from the nothing handed over yet.
        counted.Kept.ShouldBe(counted.Folded);
        counted.Report.ShouldNotBeNull();
        counted.Report.AllHandedOver.ShouldBeFalse();
        counted.Report.Differences.Count.ShouldBeGreaterThan(8);
        counted.Report.Differences.ShouldAllBe(d => d.Reason == "尚未移交");

        var handedOver = await BothAsync(m);
        handedOver.Kept.ShouldBe(handedOver.Folded);
        (handedOver.Report.AllHandedOver, handedOver.Report.Reconciled).ShouldBe((true, false));
        handedOver.Report.Differences.Select(d => (d.ItemId, d.Expected, d.Actual, d.Difference)).ShouldBe([(m.WestBank, 80_000m, 78_000.5m, -1_999.5m)]);
        // A balance of 80,000 less 1,999.50 is 78,000.50, and the sums keep its two decimals as folding keeps them.
        var bank = handedOver.Report.OldUnits.Single(c => c.UnitCode == m.West.Code && c.Category == "bank");
        (bank.Expected.ToString(), bank.Actual.ToString(), bank.Difference.ToString()).ShouldBe(("80000", "78000.50", "-1999.50"));
        handedOver.Report.NewUnits.ShouldNotBeEmpty();
    }

    /// <summary>The kept report (which must be used: every received figure here is exact) and the one folded from every row, as JSON.</summary>
    private async Task<(string Kept, string Folded, ReconciliationReport Report)> BothAsync(VillageMerger m)
    {
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var ct = TestContext.Current.CancellationToken;
        await using var session = store.QuerySession();
        var reform = (await session.LoadAsync<Reform>(m.ReformId, ct))!;
        var kept = await KeptReconciliation.LoadAsync(session, reform, null, ct);
        kept.ShouldNotBeNull();
        var oldUnits = new List<UnitRecords>();
        foreach (var p in reform.Predecessors) oldUnits.Add(await UnitRecords.LoadAsync(session, p.Code, ReportTime.Now, ct));
        var newUnits = new List<UnitRecords>();
        foreach (var s in reform.Successors) newUnits.Add(await UnitRecords.LoadAsync(session, s.Code, ReportTime.Now, ct));
        var folded = ReconciliationReport.Build(reform, oldUnits, newUnits, ReportTime.Now, Ownership.Collective);
        return (JsonSerializer.Serialize(kept), JsonSerializer.Serialize(folded), kept);
    }
}
