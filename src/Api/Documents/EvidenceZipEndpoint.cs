using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Sanzi.Integrity.Files;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Documents;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Audit;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Documents;
using Sanzi.Projections.Reports;
using Wolverine.Http;

namespace Sanzi.Api.Documents;

/// <summary>
/// A unit's catalog (账册目录) with every document its entries carry, as one zip: <c>账册目录.json</c>, the files
/// under <c>documents/</c> named by digest, <c>manifest.json</c> (each document, what it is, who uploaded it and which
/// entries cite it) and <c>manifest.sha256</c>, which <c>sha256sum -c manifest.sha256</c> checks after unpacking.
/// </summary>
public static class EvidenceZipEndpoint
{
    /// <summary>The API's JSON, indented: these files are read by people after unpacking.</summary>
    private static readonly JsonSerializerOptions Readable = new(LedgerJson.Answers) { WriteIndented = true };

    [WolverineGet("/api/units/{code}/documents.zip")]
    public static async Task<IResult> Zip(string code, IQuerySession session, IFileStore files, CancellationToken ct)
    {
        var records = await UnitRecords.LoadAsync(session, code, ReportTime.Now, ct);
        var streams = records.Lines.Select(l => l.Item.Id).Append(records.Unit.Id).Distinct().ToArray();
        var facts = (await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(streams)).OrderBy(e => e.Sequence).ToListAsync(ct))
            .Where(e => e.Data is ILedgerEvent).Select(EventFact.Of).ToList();
        var attachments = Attachments.Of(facts);
        var cited = facts.SelectMany(f => attachments(f).Select(d => (Digest: d, Fact: f))).GroupBy(c => c.Digest).ToList();
        var views = await DocumentViews.LoadAsync(session, cited.Select(c => c.Key), ct);

        var zip = new FileStream(Path.Combine(Path.GetTempPath(), $"sanzi-zip-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var sums = new StringBuilder();
        var manifest = new List<ManifestEntry>();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var catalog = JsonSerializer.SerializeToUtf8Bytes(CatalogReport.Build(records), Readable);
            await WriteAsync(archive, "账册目录.json", new MemoryStream(catalog), ct);
            sums.Append($"{Convert.ToHexStringLower(SHA256.HashData(catalog))}  账册目录.json\n");
            foreach (var group in cited)
            {
                var view = views[group.Key];
                var name = $"documents/{view.Sha256}{MediaType.Extension(view.MediaType)}";
                await using var content = await files.OpenAsync(view.Sha256, ct)
                                          ?? throw Refused.Conflict($"The stored file of document {view.Sha256} is missing; GET /api/verify names it.");
                await WriteAsync(archive, name, content, ct);
                sums.Append($"{view.Sha256}  {name}\n");
                manifest.Add(new ManifestEntry(name, view, group.Select(c => new CitedBy(c.Fact.Sequence, EventNames.Chinese(c.Fact.Type),
                    c.Fact.BusinessDate, c.Fact.Actor)).ToList()));
            }
            await WriteAsync(archive, "manifest.json", new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, Readable)), ct);
            await WriteAsync(archive, "manifest.sha256", new MemoryStream(Encoding.UTF8.GetBytes(sums.ToString())), ct);
        }
        zip.Position = 0;
        return Results.File(zip, "application/zip", $"{records.Unit.Name}-账册目录及附件.zip");
    }

    private static async Task WriteAsync(ZipArchive archive, string name, Stream content, CancellationToken ct)
    {
        await using var entry = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        await content.CopyToAsync(entry, ct);
    }

    /// <summary>One document in the zip: where it is, what it is, and the entries that cite it.</summary>
    public sealed record ManifestEntry(string File, DocumentView Document, IReadOnlyList<CitedBy> CitedBy);

    public sealed record CitedBy(long Sequence, string Entry, NodaTime.LocalDate BusinessDate, string Actor);
}
