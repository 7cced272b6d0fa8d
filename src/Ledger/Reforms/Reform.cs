using NodaTime;

namespace Sanzi.Ledger.Reforms;

/// <summary>Where a reform stands in the lifecycle of a merger.</summary>
public enum ReformPhase
{
    Declared,
    Frozen,
}

/// <summary>A reform (调整方案): which units merge into which, under what approval, and how far it has got.</summary>
public sealed record Reform(
    Guid Id,
    string Title,
    string ApprovalDocument,
    IReadOnlyList<Predecessor> Predecessors,
    IReadOnlyList<Successor> Successors,
    ReformPhase Phase,
    Instant? FreezeAt)
{
    public static Reform Create(ReformDeclared e) =>
        new(e.ReformId, e.Title, e.ApprovalDocument, e.Predecessors, e.Successors, ReformPhase.Declared, FreezeAt: null);

    public Reform Apply(ReformFrozen e) => this with { Phase = ReformPhase.Frozen, FreezeAt = e.FreezeAt };
}
