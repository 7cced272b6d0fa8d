namespace Sanzi.Ledger.Common;

/// <summary>Which book an item belongs to: township state assets (国有资产) or collective assets (集体资产), kept apart.</summary>
public enum Ownership
{
    Collective,
    State,
}

/// <summary>
/// Which book a report or page is about. A unit's reports cover one book at a time, so a collective item can
/// never appear in a state report or the reverse: the book asked for, or the only one the unit keeps.
/// </summary>
public static class BookOf
{
    /// <summary>国有资产 or 集体资产, as titles and the ownership column say it.</summary>
    public static string ChineseName(Ownership book) => book == Ownership.State ? "国有资产" : "集体资产";

    /// <summary>The book to report: the one asked for, else the only one the items belong to, else the unit level's usual one.</summary>
    public static Ownership Choose(Ownership? asked, IEnumerable<Ownership> held, string unitCode)
    {
        if (asked is { } book) return book;
        var books = held.Distinct().ToList();
        return books.Count switch
        {
            0 => DivisionCode.LevelOf(unitCode) == UnitLevel.Township ? Ownership.State : Ownership.Collective,
            1 => books[0],
            _ => throw Refused.Invalid("book",
                $"is required: unit {unitCode} keeps both a collective (collective, 集体资产) and a state (state, 国有资产) book, and a report covers one"),
        };
    }
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
