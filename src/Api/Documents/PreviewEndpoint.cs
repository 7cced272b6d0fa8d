using System.Net;
using Marten;
using Sanzi.Projections.Documents;
using Sanzi.Integrity.Files;
using Sanzi.Ledger.Documents;
using SkiaSharp;
using Wolverine.Http;

namespace Sanzi.Api.Documents;

/// <summary>
/// A small preview of a document for lists (缩略图): images scaled to fit 320 pixels, drawn with SkiaSharp (whose native
/// library comes inside its package); a PDF, a TIFF or an image too large to decode safely gets a placeholder card
/// saying what it is, since no served library renders a PDF page without a native download.
/// </summary>
public static class PreviewEndpoint
{
    private const int Side = 320;

    /// <summary>Larger images are not decoded for a preview: a crafted file could claim any size.</summary>
    private const long MaxPixels = 60_000_000;

    [WolverineGet("/api/documents/{sha256}/preview")]
    public static async Task<IResult> Preview(string sha256, IQuerySession session, IFileStore files, CancellationToken ct)
    {
        var document = await DocumentEndpoints.FindAsync(sha256, session, ct);
        return MediaType.IsImage(document.MediaType) && await ThumbnailAsync(files, document.Sha256, ct) is { } png
            ? Results.File(png, "image/png")
            : Results.Text(Placeholder(DocumentView.Of(document)), "image/svg+xml; charset=utf-8");
    }

    private static async Task<byte[]?> ThumbnailAsync(IFileStore files, string sha256, CancellationToken ct)
    {
        await using var stored = await files.OpenAsync(sha256, ct);
        if (stored is null) return null;
        using var bytes = new MemoryStream();
        await stored.CopyToAsync(bytes, ct);
        using var data = SKData.CreateCopy(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels) return null;
        using var full = SKBitmap.Decode(codec);
        if (full is null) return null;
        var scale = Math.Min(1f, (float)Side / Math.Max(full.Width, full.Height));
        var info = new SKImageInfo(Math.Max(1, (int)(full.Width * scale)), Math.Max(1, (int)(full.Height * scale)));
        using var small = full.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(small ?? full);
        using var png = image.Encode(SKEncodedImageFormat.Png, 90);
        return png.ToArray();
    }

    private static string Placeholder(DocumentView d)
    {
        var kind = d.MediaType switch
        {
            MediaType.Pdf => "PDF 文件",
            MediaType.Tiff => "TIFF 图像",
            _ => "图像",
        };
        static string E(string text) => WebUtility.HtmlEncode(text);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{Side}" height="240" viewBox="0 0 {Side} 240">
            <rect x="1" y="1" width="{Side - 2}" height="238" fill="#f5f5f5" stroke="#888"/>
            <text x="160" y="90" font-size="28" text-anchor="middle" font-family="sans-serif">{kind}</text>
            <text x="160" y="130" font-size="14" text-anchor="middle" font-family="sans-serif">{E(d.FileName)}（{d.Bytes:N0} 字节）</text>
            <text x="160" y="160" font-size="12" text-anchor="middle" font-family="monospace">{d.Sha256[..16]}…</text>
            <text x="160" y="200" font-size="13" text-anchor="middle" font-family="sans-serif">无预览，请下载原件查看</text>
            </svg>
            """;
    }
}
