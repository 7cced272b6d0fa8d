using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Leads;

/// <summary>The inspectors' annotations of one lead, oldest first; the last one says where it stands.</summary>
public sealed record LeadNotes(Guid Id, string LeadId, IReadOnlyList<LeadAnnotated> Annotations)
{
    public static Guid StreamOf(string leadId) => StreamIds.NameBased("lead/" + leadId);

    public static LeadNotes Create(LeadAnnotated e) => new(StreamOf(e.LeadId), e.LeadId, [e]);

    public LeadNotes Apply(LeadAnnotated e) => this with { Annotations = [.. Annotations, e] };

    public LeadAction Status => Annotations[^1].Action;

    public string? Assignee => Annotations.LastOrDefault(a => a.Action == LeadAction.Assigned)?.Assignee;
}
