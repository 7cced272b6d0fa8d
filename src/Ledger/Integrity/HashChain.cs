using System.Security.Cryptography;
using System.Text;

namespace Sanzi.Ledger.Integrity;

/// <summary>A committed event as the chain sees it: the columns of <c>mt_events</c> that are hashed, in text form.</summary>
/// <param name="Timestamp">UTC, microseconds, as <see cref="EventRows.Timestamp"/> formats it, so that hashing never depends on a driver's clock types.</param>
/// <param name="DataJson">The body as jsonb gives it back; it is canonicalised before hashing.</param>
public sealed record ChainedEvent(
    long Seq, Guid StreamId, long Version, string Type, string DataJson, string Timestamp, string? UserName, string? CorrelationId);

/// <summary>
/// The arithmetic of the chain, nothing else. Each event's hash covers the previous hash in its stream,
/// so editing or removing an event breaks every later link of that stream; each seal covers the event
/// hashes of a sequence range and the previous seal, so the latest seal's hash vouches for the whole log.
/// Every preimage is canonical JSON, so that an inspector can rebuild it with any JSON tool.
/// </summary>
public static class HashChain
{
    /// <summary>The "previous hash" of a stream's first event and of the first seal.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Link(string previousHash, ChainedEvent e)
    {
        var text = new StringBuilder();
        text.Append("{\"correlationId\":");
        OptionalString(e.CorrelationId, text);
        text.Append(",\"data\":").Append(CanonicalJson.Canonicalize(e.DataJson));
        text.Append(",\"prevHash\":");
        CanonicalJson.WriteString(previousHash, text);
        text.Append(",\"streamId\":");
        CanonicalJson.WriteString(e.StreamId.ToString("D"), text);
        text.Append(",\"timestamp\":");
        CanonicalJson.WriteString(e.Timestamp, text);
        text.Append(",\"type\":");
        CanonicalJson.WriteString(e.Type, text);
        text.Append(",\"userName\":");
        OptionalString(e.UserName, text);
        text.Append(",\"version\":").Append(e.Version).Append('}');
        return Sha256(text.ToString());
    }

    /// <summary>The digest of a seal's events: SHA-256 of their hex hashes concatenated in sequence order.</summary>
    public static string Root(IEnumerable<string> eventHashes) => Sha256(string.Concat(eventHashes));

    public static string Seal(string previousSealHash, long fromSeq, long toSeq, long events, string root, string sealedAt)
    {
        var text = new StringBuilder();
        text.Append("{\"events\":").Append(events).Append(",\"fromSeq\":").Append(fromSeq).Append(",\"prevHash\":");
        CanonicalJson.WriteString(previousSealHash, text);
        text.Append(",\"root\":");
        CanonicalJson.WriteString(root, text);
        text.Append(",\"sealedAt\":");
        CanonicalJson.WriteString(sealedAt, text);
        text.Append(",\"toSeq\":").Append(toSeq).Append('}');
        return Sha256(text.ToString());
    }

    private static void OptionalString(string? value, StringBuilder text)
    {
        if (value is null) text.Append("null");
        else CanonicalJson.WriteString(value, text);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
