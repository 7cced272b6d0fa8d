using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Documents;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Audit;
using Sanzi.Projections.Leads;
using Shouldly;

namespace Sanzi.UnitTests.Leads;

/// <summary>The rules that read attached documents (附件).</summary>
public partial class LeadRuleTests
{
    private static readonly string Scan1 = new('a', 64), Scan2 = new('b', 64), Scan3 = new('c', 64);

    private static Stamp Citing(Stamp stamp, params string[] documents) => stamp with { Documents = documents };

    private EventFact Disposed(Guid asset, Stamp stamp, string resolution = "村民代表会议决议〔2026〕3号") =>
        F(asset, new AssetDisposed(asset, A, "scrap", 0m, resolution, "报废", null, null, stamp));

    private EventFact Excepted(Guid exception, Stamp stamp) =>
        F(Plan.Id, new ExceptionApproved(Plan.Id, exception, A, ExceptionScope.Payment, 1_000m, "县财政局局长", "财特批〔2026〕3号", "五保户供养金", stamp));

    [Fact]
    public void An_exception_or_disposal_without_a_document_is_a_lead_until_one_is_attached_and_a_documented_one_is_not()
    {
        var (exception, asset, documented) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var undocumentedException = Excepted(exception, After(1));
        var disposal = Disposed(asset, Before(3));
        EventFact[] facts = [undocumentedException, disposal, Disposed(documented, Citing(Before(2), Scan1)), Pay(300m, Before(1))];

        var leads = Run(new UndocumentedEntry(), facts);
        leads.Select(l => l.Summary).ShouldBe([
            $"东乡（{A}）于{LeadText.Day(Before(3).BusinessDate)}资产处置¥0.00未附任何文件（审批单、决议或核销依据的扫描件）",
            $"东乡（{A}）于{LeadText.Day(After(1).BusinessDate)}特批¥1,000.00未附任何文件（审批单、决议或核销依据的扫描件）",
        ], ignoreOrder: true);

        // Attached later: the exception by its id, the disposal by its sequence number; the near miss is another entry of the stream.
        var attachedToException = F(Plan.Id, new DocumentsAttached(Plan.Id, A, exception.ToString(), Citing(After(2), Scan2)));
        var attachedElsewhere = F(asset, new DocumentsAttached(asset, A, (disposal.Sequence + 100).ToString(), Citing(After(2), Scan3)));
        Run(new UndocumentedEntry(), [.. facts, attachedToException, attachedElsewhere]).ShouldHaveSingleItem().Events[0].Sequence
            .ShouldBe(disposal.Sequence);
    }

    [Fact]
    public void Two_entries_citing_one_resolution_with_no_document_in_common_are_a_lead_and_sharing_one_is_not()
    {
        EventFact[] shared = [Disposed(Guid.NewGuid(), Citing(Before(5), Scan1, Scan2)), Disposed(Guid.NewGuid(), Citing(Before(4), Scan1, Scan3))];
        Run(new ResolutionClaimedTwice(), shared).ShouldBeEmpty();

        var lead = Run(new ResolutionClaimedTwice(), [.. shared, Disposed(Guid.NewGuid(), Citing(Before(3), Scan3)),
            Disposed(Guid.NewGuid(), Citing(Before(2), Scan2), "村民代表会议决议〔2026〕4号")]).ShouldHaveSingleItem();
        lead.Summary.ShouldContain("决议“村民代表会议决议〔2026〕3号”");
        lead.Summary.ShouldContain($"（{Scan1[..12]}、{Scan2[..12]}）与");
        lead.Events.Count.ShouldBe(2);
    }
}
