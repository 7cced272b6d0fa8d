using System.Text.Json.Serialization;

namespace Sanzi.Integrity;

/// <summary>
/// One line of a verification as it streams: progress while it runs, each problem and note as found,
/// and a summary last. Sent as NDJSON, one object per line with a <c>type</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Progress), "progress")]
[JsonDerivedType(typeof(Problem), "problem")]
[JsonDerivedType(typeof(Note), "note")]
[JsonDerivedType(typeof(Summary), "summary")]
public abstract record Finding;

/// <param name="Phase"><c>seals</c>, <c>events</c>, <c>documents</c> or <c>files</c>.</param>
public sealed record Progress(string Phase, long Done) : Finding;

/// <summary>Tampering, at the sequence number (or seal range, or document) where it shows; <paramref name="Document"/> names a replayed document or a stored file's digest.</summary>
public sealed record Problem(ProblemKind Kind, long? SeqId, Guid? StreamId, long? Version, string Detail, string? Document = null) : Finding;

/// <summary>Something verify met that is not tampering, said so that nobody mistakes it for tampering.</summary>
public sealed record Note(long SeqId, string Detail) : Finding;

/// <param name="SealedThrough">The last sequence number covered by a seal.</param>
/// <param name="Head">The latest seal: the digest to write down and compare later.</param>
public sealed record Summary(
    bool Ok, long EventsChecked, long SealedThrough, long UnsealedEvents, long Tombstones, long DocumentsChecked, long FilesChecked, long Problems,
    Seal? Head)
    : Finding;

public enum ProblemKind
{
    /// <summary>The event's body or any of its columns no longer hashes to what the writer wrote.</summary>
    Edited,
    /// <summary>An event is gone: its hash row remains, or the chain of its stream skips over it.</summary>
    Deleted,
    /// <summary>An event without the writer's hash: written outside the ledger.</summary>
    Inserted,
    /// <summary>A hash row the ledger's key did not mark: computed by someone else.</summary>
    Forged,
    /// <summary>The evidence itself was removed or rewritten: a seal missing, altered, unsigned or not matching its hashes.</summary>
    SealBroken,
    /// <summary>A document that decisions read differs from what its events make it.</summary>
    DocumentDiffers,
    /// <summary>An uploaded document's stored file is gone while an event cites its digest.</summary>
    FileMissing,
    /// <summary>An uploaded document's stored file no longer hashes to the digest its events cite: it was replaced.</summary>
    FileReplaced,
}
