using Sanzi.Ledger.Documents;
using Sanzi.Projections.Audit;
using Sanzi.Projections.Documents;
using static Sanzi.Projections.Leads.LeadText;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Undocumented entry (无附件): an exception (特批), a disposal, a write-off (核销) or a distribution to members (322)
/// with no document attached, neither when it was recorded nor later: the approval or resolution it rests on cannot
/// be seen. Attaching the scan later withdraws the lead. <c>Documents__Undocumented=refuse</c> refuses such
/// entries instead, and this rule then finds none.
/// </summary>
public sealed class UndocumentedEntry : ILeadRule
{
    public string Name => "undocumentedEntry";
    public string Flag => "无附件";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        var documents = scope.Attachments;
        return scope.Facts.Where(f => f.UnitCode is not null && Evidence.NeededFor(f.Event) is not null && documents(f).Count == 0)
            .Select(f => scope.Lead(this, f.UnitCode!,
                $"于{Day(f.BusinessDate)}{Evidence.NeededFor(f.Event)}{(f.Amount is { } a ? Yuan(a) : "")}未附任何文件（审批单、决议或核销依据的扫描件）",
                f.Amount ?? 0m, null, f.Counterparty, [f]));
    }
}

/// <summary>
/// One resolution, two papers (决议文件不一): two entries cite the same resolution reference (决议文号) but share no
/// attached document, so at least one of them carries a paper that is not that resolution, or the resolution was
/// drawn up twice.
/// </summary>
public sealed class ResolutionClaimedTwice : ILeadRule
{
    public string Name => "resolutionClaimedTwice";
    public string Flag => "决议文件不一";

    public IEnumerable<Lead> Find(LeadScope scope)
    {
        var documents = scope.Attachments;
        var claims = scope.Facts
            .Select(f => (Fact: f, Reference: Evidence.ResolutionOf(f.Event), Documents: documents(f)))
            .Where(c => c.Reference is not null && c.Documents.Count > 0 && c.Fact.UnitCode is not null);
        foreach (var group in claims.GroupBy(c => c.Reference!))
        {
            var list = group.ToList();
            var pair = list.SelectMany((a, i) => list.Skip(i + 1).Select(b => (A: a, B: b)))
                .FirstOrDefault(p => !p.A.Documents.Intersect(p.B.Documents).Any());
            if (pair.A.Fact is null) continue;
            var (a, b) = (pair.A, pair.B);
            yield return scope.Lead(this, b.Fact.UnitCode!,
                $"决议“{group.Key}”：{Day(a.Fact.BusinessDate)}{EventNames.Chinese(a.Fact.Type)}所附文件（{Attachments.Short(a.Documents)}）与" +
                $"{Day(b.Fact.BusinessDate)}{EventNames.Chinese(b.Fact.Type)}所附文件（{Attachments.Short(b.Documents)}）无一相同",
                b.Fact.Amount ?? 0m, null, b.Fact.Counterparty, [a.Fact, b.Fact]);
        }
    }
}
