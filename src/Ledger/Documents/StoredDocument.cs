using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Documents;

/// <summary>An uploaded document as the ledger knows it (附件): what it is, how large, who uploaded it and when.</summary>
public sealed record StoredDocument(Guid Id, string Sha256, string MediaType, long Bytes, string? FileName, string UploadedBy, Instant UploadedAt)
{
    public static StoredDocument Create(DocumentUploaded e) =>
        new(Digest.StreamOf(e.Sha256), e.Sha256, e.MediaType, e.Bytes, e.FileName, e.Stamp.Actor, e.Stamp.RecordedAt);

    /// <summary>
    /// The upload's event, or nothing when the bytes were uploaded before: content addressing makes a second
    /// upload of the same file the same document.
    /// </summary>
    public static DocumentUploaded? Decide(StoredDocument? existing, string sha256, string mediaType, long bytes, string? fileName, Stamp stamp) =>
        existing is not null ? null : new DocumentUploaded(sha256, mediaType, bytes, fileName, stamp with { Documents = [sha256] });
}
