namespace Sanzi.Ledger.Common;

/// <summary>Which book an item belongs to: township state assets (国有资产) or collective assets (集体资产), kept apart.</summary>
public enum Ownership
{
    Collective,
    State,
}

/// <summary>The kinds of 三资 item a unit's books hold.</summary>
public enum ItemKind
{
    /// <summary>资产</summary>
    Asset,
    /// <summary>资源</summary>
    Resource,
    /// <summary>资金: a cash or bank account</summary>
    Fund,
    /// <summary>债权: a receivable</summary>
    Claim,
    /// <summary>债务: a payable or loan</summary>
    Liability,
}

/// <summary>Who holds an account or receives a payment; inspectors look hard at individuals (公款私存).</summary>
public enum HolderType
{
    Collective,
    Individual,
    OutsideUnit,
}

/// <summary>An approval of a movement: who approved it, under which document, and when the approval itself was made.</summary>
public sealed record Approval(string Approver, string Document, NodaTime.Instant ApprovedAt);

public sealed record ApprovalInput(string? Approver, string? Document, NodaTime.Instant? ApprovedAt)
{
    public Approval ToApproval() => new(Approver!, Document!, ApprovedAt!.Value);
}

public static class ApprovalRules
{
    public static Rules Approval(this Rules rules, ApprovalInput? approval, string field) =>
        approval is null
            ? rules.Add(field, "is required")
            : rules.Required(approval.Approver, $"{field}.approver", 100)
                .Substantive(approval.Document, $"{field}.document", 100)
                .Check(approval.ApprovedAt is not null, $"{field}.approvedAt", "is required");
}
