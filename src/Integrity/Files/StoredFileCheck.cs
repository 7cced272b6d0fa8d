using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Sanzi.Integrity.Files;

/// <summary>
/// Verify's last part: every document digest an event cites (its stamp's <c>documents</c>, the upload's own event
/// included) is read back from the file store and hashed again. A file gone or no longer hashing to its digest is a
/// problem named by the digest and the first event that cites it: the event is intact, the evidence it points at is not.
/// </summary>
public sealed class StoredFileCheck(IFileStore files)
{
    private long _checked;

    public long FilesChecked => Interlocked.Read(ref _checked);

    /// <summary>Reads back and rehashes each cited file (<see cref="CitedDocuments.Merge"/>: digest order, first citing event).</summary>
    internal async IAsyncEnumerable<Finding> RunAsync(IReadOnlyList<(string Digest, long Seq)> cited, [EnumeratorCancellation] CancellationToken ct)
    {
        Interlocked.Exchange(ref _checked, 0);
        foreach (var (digest, seq) in cited)
        {
            if (await ProblemAsync(digest, seq, ct) is { } problem) yield return problem;
            Interlocked.Increment(ref _checked);
        }
        yield return new Progress("files", FilesChecked);
    }

    private async Task<Problem?> ProblemAsync(string digest, long seq, CancellationToken ct)
    {
        await using var stored = await files.OpenAsync(digest, ct);
        if (stored is null)
            return new Problem(ProblemKind.FileMissing, seq, null, null,
                $"the stored file of document {digest}, cited from event {seq} on, is missing from the {files.Describe}", digest);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stored, ct));
        return actual == digest ? null
            : new Problem(ProblemKind.FileReplaced, seq, null, null,
                $"the stored file of document {digest}, cited from event {seq} on, was replaced: it now hashes to {actual}", digest);
    }
}
