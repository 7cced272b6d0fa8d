using Marten;
using NodaTime;
using Sanzi.Ledger.Documents;

namespace Sanzi.Projections.Documents;

/// <summary>Digests turned into what lists show of a document: type, size, file name, who uploaded it and when.</summary>
public static class DocumentViews
{
    public static async Task<IReadOnlyDictionary<string, DocumentView>> LoadAsync(IQuerySession session, IEnumerable<string> digests,
        CancellationToken ct)
    {
        var ids = digests.Distinct().Select(Digest.StreamOf).ToArray();
        if (ids.Length == 0) return new Dictionary<string, DocumentView>();
        return (await session.LoadManyAsync<StoredDocument>(ct, ids)).ToDictionary(d => d.Sha256, DocumentView.Of);
    }

    public static IReadOnlyList<DocumentView> Pick(this IReadOnlyDictionary<string, DocumentView> views, IEnumerable<string>? digests) =>
        (digests ?? []).Select(views.GetValueOrDefault).OfType<DocumentView>().ToList();
}

/// <summary>A document as lists show it: digest, type, size, who uploaded it and when.</summary>
public sealed record DocumentView(string Sha256, string MediaType, long Bytes, string FileName, string UploadedBy, Instant UploadedAt)
{
    public static DocumentView Of(StoredDocument d) =>
        new(d.Sha256, d.MediaType, d.Bytes, d.FileName ?? d.Sha256[..12] + Ledger.Documents.MediaType.Extension(d.MediaType), d.UploadedBy, d.UploadedAt);
}
