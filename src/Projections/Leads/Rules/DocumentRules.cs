using Sanzi.Ledger.Common;
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
public sealed class UndocumentedEntry : EventRule<ILedgerEvent>
{
    public override string Name => "undocumentedEntry";
    public override string Flag => "无附件";

    protected override bool Concerns(EventFact fact, ILedgerEvent e, LeadScope scope) => fact.UnitCode is not null && Evidence.NeededFor(e) is not null;

    protected override Lead? Judge(EventFact f, ILedgerEvent e, LeadScope scope) =>
        scope.Attachments(f).Count > 0
            ? null
            : scope.Lead(this, f.UnitCode!,
                $"于{Day(f.BusinessDate)}{Evidence.NeededFor(e)}{(f.Amount is { } a ? Yuan(a) : "")}未附任何文件（审批单、决议或核销依据的扫描件）",
                f.Amount ?? 0m, null, f.Counterparty, [f]);
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

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) =>
        fact.UnitCode is not null && Evidence.ResolutionOf(fact.Event) is { } reference ? [reference] : [];

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope)
    {
        var documents = scope.Attachments;
        var list = facts.Select(f => (Fact: f, Documents: documents(f))).Where(c => c.Documents.Count > 0).ToList();
        var pair = list.SelectMany((a, i) => list.Skip(i + 1).Select(b => (A: a, B: b)))
            .FirstOrDefault(p => !p.A.Documents.Intersect(p.B.Documents).Any());
        if (pair.A.Fact is null) yield break;
        var (a, b) = (pair.A, pair.B);
        yield return scope.Lead(this, b.Fact.UnitCode!,
            $"决议“{key}”：{Day(a.Fact.BusinessDate)}{EventNames.Chinese(a.Fact.Type)}所附文件（{Attachments.Short(a.Documents)}）与" +
            $"{Day(b.Fact.BusinessDate)}{EventNames.Chinese(b.Fact.Type)}所附文件（{Attachments.Short(b.Documents)}）无一相同",
            b.Fact.Amount ?? 0m, null, b.Fact.Counterparty, [a.Fact, b.Fact]);
    }
}
