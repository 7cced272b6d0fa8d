namespace Sanzi.Ledger.Integrity;

/// <summary>What a verification found. <c>Problems</c> holds every finding in sequence order; the first is the earliest tampering.</summary>
/// <param name="EventsChecked">Sealed events recomputed and compared.</param>
/// <param name="UnsealedEvents">Events newer than the last seal, not yet covered by the chain.</param>
/// <param name="SealedThrough">The last sequence number covered by a seal; an event at or below it without a hash was inserted out of band.</param>
/// <param name="ChainHead">The latest seal's hash, to compare with the one an inspector wrote down.</param>
public sealed record VerificationReport(
    bool Ok,
    long EventsChecked,
    long UnsealedEvents,
    long SealedThrough,
    string? ChainHead,
    Problem? FirstProblem,
    IReadOnlyList<Problem> Problems);

/// <summary>One finding, at the sequence number where it shows; stream and version are absent for a broken seal.</summary>
public sealed record Problem(ProblemKind Kind, long SeqId, Guid? StreamId, long? Version, string Detail);

public enum ProblemKind
{
    /// <summary>The event's body or metadata no longer hashes to what was sealed.</summary>
    Edited,
    /// <summary>A sealed event is gone: its hash row remains, or the chain of its stream skips over it.</summary>
    Deleted,
    /// <summary>An event sits below the sealed high-water mark but was never sealed.</summary>
    Inserted,
    /// <summary>The evidence itself was rewritten: a seal no longer matches its hash rows or the seal before it.</summary>
    SealBroken,
}
