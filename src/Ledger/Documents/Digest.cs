using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Documents;

/// <summary>A document's name in the ledger: the SHA-256 of its bytes, as 64 lowercase hex digits.</summary>
public static class Digest
{
    public static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);

    /// <summary>Where the document's upload is recorded: one stream per digest, found from the digest alone.</summary>
    public static Guid StreamOf(string sha256) => StreamIds.NameBased("document/" + sha256);
}
