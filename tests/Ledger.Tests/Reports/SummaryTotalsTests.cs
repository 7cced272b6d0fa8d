using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Projections.Debts;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Reports;

/// <summary>
/// The summary and the debt register answer from the totals the catalog projection keeps, not from the catalog rows:
/// after a whole merger (counts with a shortage and a surplus, movements after the lock, the handover) the kept totals
/// give exactly the report that folding every row gives, for the old units and the new, from a handful of rows each.
/// </summary>
public class SummaryTotalsTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task The_kept_totals_give_the_same_summary_and_debt_register_as_every_row_folded()
    {
        var m = await VillageMerger.Run(_api);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var ct = TestContext.Current.CancellationToken;
        await using var session = store.QuerySession();

        foreach (var code in new[] { m.East.Code, m.West.Code, m.Merged.Code })
        {
            var folded = await UnitRecords.LoadAsync(session, code, ReportTime.Now, ct);
            var kept = await SummaryReport.LoadAsync(session, code, ReportTime.Now, null, ct);
            Json(kept).ShouldBe(Json(SummaryReport.Build(folded)), code);
            kept.Lines.Single(l => l.Item == "资产总计").Count.ShouldBeGreaterThan(0, code);

            var debts = await DebtRegisterReport.LoadAsync(session, code, ReportTime.Now, null, ct);
            debts.Counterparties.SelectMany(c => c.Lines).Select(l => l.ItemId)
                .ShouldBe(folded.Lines.Where(l => l.Item.Kind is Ledger.Common.ItemKind.Claim or Ledger.Common.ItemKind.Liability).Select(l => l.Item.Id),
                    ignoreOrder: true, customMessage: code);

            // One row per bucket, whatever the unit's size: book, counted or not, kind, category, surplus and shortage flags.
            var rows = await session.QueryAsync<long>($"select count(*) from ledger.{SummaryTotals.TotalsTable} where unit_code = ? and items <> 0", code);
            rows.Single().ShouldBe(folded.Lines.Select(l => (l.Item.Ownership, l.HandedOver || l.Item.IsInBooks, SummaryBucket.Of(l.Item) with { Items = 0,
                Quantity = 0, VerifiedArea = 0, BookValue = 0, VerifiedValue = 0, OriginalValue = 0, AccumulatedDepreciation = 0 })).Distinct().Count(), code);
        }
    }

    private static string Json(SummaryReport report) => JsonSerializer.Serialize(report);
}
