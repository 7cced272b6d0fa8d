using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Reports;

/// <summary>
/// A village made by one merger and merged away again in a later reform: the count of the first reform belongs to the old
/// villages that made it, so the later reform's reconciliation starts from what the new village has itself counted
/// (nothing yet), not from figures its predecessors settled.
/// </summary>
public class SecondReformTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task A_merged_village_merged_again_shows_nothing_counted_until_it_counts()
    {
        var m = await VillageMerger.Run(_api);
        var later = await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "和平村并入新和村", approvalDocument = "县政字〔2026〕31号", approvedOn = Sample.Iso(Sample.TodayDate()),
            plannedFreezeDate = Sample.Iso(Sample.TodayDate().PlusDays(30)),
            predecessors = new[] { new { code = m.Merged.Code, name = "和平村" } },
            successors = new[] { new { code = Sample.VillageCode(), name = "新和村" } },
        }, 201);

        var report = await _api.Get($"/api/reforms/{later.GetProperty("reformId").GetGuid()}/reconciliation");
        report.GetProperty("differences").GetArrayLength().ShouldBe(0);
        report.GetProperty("oldUnits").EnumerateArray().ShouldAllBe(c => c.GetProperty("expected").GetDecimal() == 0m);
    }
}
