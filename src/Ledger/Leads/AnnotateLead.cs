using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Leads;

/// <summary>An inspector assigns, confirms or dismisses a lead; a dismissal says why, an assignment names to whom.</summary>
public sealed record AnnotateLead(string IdempotencyKey, LeadAction Action, string? Assignee, string? Reason) : ILedgerCommand
{
    public LocalDate? BusinessDate => null;

    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, LeadAction? Action, string? Assignee, string? Reason) : ICommandRequest<AnnotateLead>
    {
        public AnnotateLead Validate()
        {
            var rules = new Rules().IdempotencyKey(IdempotencyKey).OneOf(Action, "action");
            if (Action == LeadAction.Assigned) rules.Required(Assignee, "assignee", 100);
            if (Action == LeadAction.Dismissed)
                rules.Required(Reason, "reason", 1000)
                    .Check(!DocumentForm.IsPlaceholder(Reason), "reason", "must say why the lead is dismissed (not a placeholder such as 无 or 同意)");
            rules.ThrowIfBroken();
            return new(IdempotencyKey!, Action!.Value, Assignee?.Trim(), Reason?.Trim());
        }
    }

    /// <summary>A dismissed or confirmed lead is settled; it can be assigned again to reopen it, not settled twice.</summary>
    public LeadAnnotated Decide(string leadId, LeadNotes? notes, Stamp stamp)
    {
        if (Action != LeadAction.Assigned && notes?.Status is LeadAction.Confirmed or LeadAction.Dismissed)
            throw Refused.Conflict($"Lead {leadId} is already {ApiNames.Name(notes.Status)}; assign it again to reopen it.");
        return new LeadAnnotated(leadId, Action, Assignee, Reason, stamp);
    }
}
