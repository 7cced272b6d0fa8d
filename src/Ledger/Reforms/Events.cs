using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Reforms;

/// <summary>An old unit of a reform and the new unit it merges into.</summary>
public sealed record Predecessor(string Code, string Name, string SuccessorCode);

/// <summary>A new unit a reform creates (or an existing one that absorbs others).</summary>
public sealed record Successor(string Code, string Name);

/// <summary>A county declared an administrative-division reform plan (调整方案) under an approval (批复文号).</summary>
public sealed record ReformDeclared(
    Guid ReformId,
    string Title,
    string ApprovalDocument,
    LocalDate ApprovedOn,
    LocalDate PlannedFreezeDate,
    IReadOnlyList<Predecessor> Predecessors,
    IReadOnlyList<Successor> Successors,
    Stamp Stamp) : ILedgerEvent;

/// <summary>The reform office froze (冻结) all 三资 of the predecessor units from an instant on.</summary>
public sealed record ReformFrozen(Guid ReformId, Instant FreezeAt, string Document, Stamp Stamp) : ILedgerEvent;
