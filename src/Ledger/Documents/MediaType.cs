namespace Sanzi.Ledger.Documents;

/// <summary>
/// What a file is, told by its first bytes (its magic number), never by its name or the type the client claims:
/// a voucher renamed to .pdf is still whatever its bytes say.
/// </summary>
public static class MediaType
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Tiff = "image/tiff";

    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int MagicLength = 8;

    public static readonly IReadOnlyList<string> Accepted = [Pdf, Jpeg, Png, Tiff];

    public static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => Pdf, // %PDF-
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
        [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..] => Tiff, // little- or big-endian
        _ => null,
    };

    public static bool IsImage(string mediaType) => mediaType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>The name a download gets when the uploader gave none.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        Pdf => ".pdf",
        Jpeg => ".jpg",
        Png => ".png",
        _ => ".tif",
    };
}
