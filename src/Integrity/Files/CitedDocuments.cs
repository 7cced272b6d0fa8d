using System.Text.Json;

namespace Sanzi.Integrity.Files;

/// <summary>
/// The document digests events cite (their stamp's <c>documents</c>) and the first event citing each, gathered from the
/// bodies verify's scan reads anyway: the server no longer reads the log a second time to find them. A body is parsed
/// only when its text names a <c>documents</c> key, which few events have.
/// </summary>
internal sealed class CitedDocuments
{
    private readonly Dictionary<string, long> _first = new(StringComparer.Ordinal);

    /// <summary>The digests an event's body (jsonb's text, UTF-8) cites, kept with the lowest sequence number citing each.</summary>
    public void Scan(long seq, ReadOnlySpan<byte> body)
    {
        if (body.IndexOf("\"documents\""u8) < 0) return;
        var reader = new Utf8JsonReader(body);
        if (!JsonDocument.TryParseValue(ref reader, out var parsed)) return;
        using var document = parsed;
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("stamp", out var stamp) || stamp.ValueKind != JsonValueKind.Object
            || !stamp.TryGetProperty("documents", out var documents) || documents.ValueKind != JsonValueKind.Array)
            return;
        foreach (var element in documents.EnumerateArray())
        {
            // As jsonb_array_elements_text gives them: a string's value, anything else its JSON text.
            var digest = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            if (!_first.TryGetValue(digest, out var first) || seq < first) _first[digest] = seq;
        }
    }

    /// <summary>Every digest cited in any of <paramref name="parts"/>, with the first event citing it, in the digests' order.</summary>
    public static List<(string Digest, long Seq)> Merge(IEnumerable<CitedDocuments> parts) =>
        parts.SelectMany(p => p._first).GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Min(p => p.Value))).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
}
