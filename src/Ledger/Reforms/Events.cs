using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Reforms;

/// <summary>An old unit of a reform and the new unit it merges into.</summary>
public sealed record Predecessor(string Code, string Name, string SuccessorCode);

/// <summary>A new unit a reform creates (or an existing one that absorbs others).</summary>
public sealed record Successor(string Code, string Name);

/// <summary>
/// How village collectives merge: 直接完全融合 (one organisation, one set of books), 协商并社融合 (negotiated
/// merger of co-ops), 留社逐步融合 (co-ops stay separate accounting entities and merge later).
/// </summary>
public enum IntegrationMode
{
    FullMerger,
    NegotiatedMerger,
    KeepCoopsSeparate,
}

/// <summary>The four meetings (四个会) a village merger needs, each leaving a resolution.</summary>
public enum Meeting
{
    /// <summary>村两委联席会议</summary>
    JointCommittees,
    /// <summary>党员会议</summary>
    PartyMembers,
    /// <summary>村民代表会议</summary>
    VillagerRepresentatives,
    /// <summary>村民会议</summary>
    Villagers,
}

/// <summary>What an exception approval (特批) lets a frozen unit do.</summary>
public enum ExceptionScope
{
    Payment,
    Disposal,
    Liability,
    Transfer,
}

/// <summary>
/// Why a reform is entered after the fact (补录), e.g. from paper books: the document and the reason. It marks
/// every entry of the reform once, here, so that its freeze and later steps may be dated at past business times.
/// </summary>
public sealed record RecordedAfterTheFact(string Document, string Reason);

/// <summary>A county declared an administrative-division reform plan (调整方案) under an approval (批复文号).</summary>
public sealed record ReformDeclared(
    Guid ReformId,
    string Title,
    string ApprovalDocument,
    LocalDate ApprovedOn,
    LocalDate PlannedFreezeDate,
    IReadOnlyList<Predecessor> Predecessors,
    IReadOnlyList<Successor> Successors,
    IntegrationMode Mode,
    int NoticeDays,
    Stamp Stamp,
    RecordedAfterTheFact? AfterTheFact = null,
    bool? ObjectionRound = null) : ILedgerEvent;

/// <summary>One of the four meetings (四个会) of an old village passed its resolution on the merger.</summary>
public sealed record ResolutionRecorded(Guid ReformId, string UnitCode, Meeting Meeting, LocalDate HeldOn, string Document, Stamp Stamp)
    : ILedgerEvent;

/// <summary>The reform office granted an exception (特批) for one movement of a frozen unit, up to an amount.</summary>
public sealed record ExceptionApproved(
    Guid ReformId,
    Guid ExceptionId,
    string UnitCode,
    ExceptionScope Scope,
    decimal MaxAmount,
    string Approver,
    string Document,
    string Reason,
    Stamp Stamp) : ILedgerEvent;

/// <summary>The reform office froze (冻结) all 三资 of the predecessor units from an instant on.</summary>
public sealed record ReformFrozen(Guid ReformId, Instant FreezeAt, string Document, Stamp Stamp) : ILedgerEvent;

/// <summary>Every old unit has handed over its books; the reform is done.</summary>
public sealed record ReformCompleted(Guid ReformId, Stamp Stamp) : ILedgerEvent;
