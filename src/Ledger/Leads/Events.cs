using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Leads;

/// <summary>What an inspector did with a lead (线索处置).</summary>
public enum LeadAction
{
    /// <summary>Given to an inspector to look into (分派).</summary>
    Assigned,

    /// <summary>Looked into and found to stand (查实).</summary>
    Confirmed,

    /// <summary>Looked into and set aside, with the reason (排除).</summary>
    Dismissed,
}

/// <summary>An inspector annotated a lead: assigned it, confirmed it or dismissed it with a reason. One stream per lead.</summary>
public sealed record LeadAnnotated(string LeadId, LeadAction Action, string? Assignee, string? Reason, Stamp Stamp) : ILedgerEvent;
