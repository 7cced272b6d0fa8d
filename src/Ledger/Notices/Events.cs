using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;

namespace Sanzi.Ledger.Notices;

/// <summary>How an objection was settled.</summary>
public enum ObjectionOutcome
{
    Upheld,
    Rejected,
}

/// <summary>
/// Which body confirmed the results: for a village collective its 成员大会 or 成员代表大会; for a township, which has
/// no members' assembly, its 党委会 or 政府常务会议.
/// </summary>
public enum MembersBody
{
    MembersAssembly,
    MembersRepresentatives,
    PartyCommittee,
    GovernmentExecutiveMeeting,
}

/// <summary>A township's results filed (审核备案) with the county finance bureau, under the filing's document.</summary>
public sealed record Filing(string FiledWith, string Document);

/// <summary>The verified results were posted publicly (公示) for a notice period.</summary>
public sealed record NoticePublished(
    string UnitCode,
    Guid NoticeId,
    LocalDate From,
    LocalDate Until,
    IReadOnlyList<string> Places,
    string ObjectionsTo,
    Stamp Stamp) : ILedgerEvent;

/// <summary>
/// A member objected (异议) to the notice, about an item or in general: told to the clerk, or raised online from the
/// public notice page (<paramref name="Online"/>), where the member also gives a member number or the last four
/// digits of an ID (<paramref name="Member"/>) so the clerk can tell who it is.
/// </summary>
public sealed record ObjectionRaised(
    string UnitCode, Guid ObjectionId, string RaisedBy, Guid? ItemId, string Text, Stamp Stamp, string? Member = null, bool Online = false)
    : ILedgerEvent;

/// <summary>A corrected verified value for one item, entered when an objection is upheld.</summary>
public sealed record Correction(Guid ItemId, ItemKind Kind, string Category, decimal OldVerifiedValue, decimal NewVerifiedValue,
    Ownership Ownership = Ownership.Collective);

/// <summary>An objection was settled: upheld (with the correcting entry) or rejected with a reason.</summary>
public sealed record ObjectionResolved(
    string UnitCode,
    Guid ObjectionId,
    ObjectionOutcome Outcome,
    string Reason,
    Correction? Correction,
    Stamp Stamp) : ILedgerEvent;

/// <summary>The results were confirmed after the notice: by the members (成员大会/成员代表大会), or a township's 党委会 or 政府常务会议 and filed.</summary>
public sealed record MembersConfirmed(string UnitCode, MembersBody Body, LocalDate HeldOn, string Document, Stamp Stamp, Filing? Filing = null)
    : ILedgerEvent;
