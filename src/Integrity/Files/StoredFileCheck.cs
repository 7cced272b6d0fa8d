using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Npgsql;

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

    internal async IAsyncEnumerable<Finding> RunAsync(NpgsqlConnection connection, Tables tables, [EnumeratorCancellation] CancellationToken ct)
    {
        Interlocked.Exchange(ref _checked, 0);
        await using var command = new NpgsqlCommand($"""
            select d.digest, min(e.seq_id) from {tables.Events} e
              cross join lateral jsonb_array_elements_text(e.data->'stamp'->'documents') d(digest)
            where jsonb_typeof(e.data->'stamp'->'documents') = 'array'
            group by d.digest order by d.digest
            """, connection);
        var cited = new List<(string Digest, long Seq)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) cited.Add((reader.GetString(0), reader.GetInt64(1)));

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
