using System.Text.Json;
using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Documents;

namespace Sanzi.Api.Documents;

/// <summary>
/// The documents a write cites: the optional <c>documents</c> field of any command's body, a list of SHA-256 digests
/// of files uploaded before with <c>POST /api/documents</c>. Read once for every command in the command pipeline, so
/// no command declares it; each digest must name an uploaded document, else the write is refused naming the field.
/// </summary>
public sealed record CitedDocuments(IReadOnlyList<string> Digests)
{
    public const string Field = "documents";
    public const int MaxCount = 20;

    public static readonly CitedDocuments None = new([]);

    public static async Task<CitedDocuments> ReadAsync(HttpContext context, IQuerySession session, CancellationToken ct)
    {
        // The body as the input screen read it; most writes cite nothing, which a scan of the top-level names tells without parsing.
        var bytes = ScreenedBody.Of(context).Bytes;
        if (!Cites(bytes.Span)) return None;
        using var body = JsonDocument.Parse(bytes);
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty(Field, out var list)
            || list.ValueKind == JsonValueKind.Null) return None;
        if (list.ValueKind != JsonValueKind.Array)
            throw Refused.Invalid(Field, "must be a list of SHA-256 digests of uploaded documents");

        var rules = new Rules().Check(list.GetArrayLength() <= MaxCount, Field, $"must cite at most {MaxCount} documents");
        var digests = new List<(string Field, string Digest)>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = $"{Field}[{index++}]";
            var digest = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim().ToLowerInvariant() : null;
            if (!Digest.IsSha256(digest)) rules.Add(field, "must be a SHA-256 digest: 64 hexadecimal digits, as POST /api/documents answered");
            else if (digests.Any(d => d.Digest == digest)) rules.Add(field, "is cited twice");
            else digests.Add((field, digest!));
        }

        var stored = (await session.LoadManyAsync<StoredDocument>(ct, digests.Select(d => Digest.StreamOf(d.Digest)).ToArray()))
            .Select(d => d.Sha256).ToHashSet();
        foreach (var (field, digest) in digests)
            rules.Check(stored.Contains(digest), field, "names no uploaded document: upload the file first with POST /api/documents");
        rules.ThrowIfBroken();
        return new CitedDocuments(digests.Select(d => d.Digest).ToList());
    }

    /// <summary>Whether the body's object names the field at its top level (escaped names included).</summary>
    private static bool Cites(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(Field)) return true;
            reader.Read();
            reader.Skip();
        }
        return false;
    }
}
