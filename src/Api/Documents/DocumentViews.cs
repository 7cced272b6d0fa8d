using Marten;
using Sanzi.Ledger.Documents;

namespace Sanzi.Api.Documents;

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
