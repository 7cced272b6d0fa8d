using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Sanzi.Projections.Documents;
using Sanzi.Integrity.Files;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Documents;
using Wolverine.Http;

namespace Sanzi.Api.Documents;

/// <summary>
/// Uploading a document (上传附件) before the write that cites it, and reading it back. There is no delete: the bytes
/// stay for as long as the ledger does, since events cite them by digest.
/// </summary>
public static class DocumentEndpoints
{
    /// <summary>
    /// The file is the raw request body, streamed to disk while it is hashed and counted: 201 with its digest the
    /// first time, 200 with the same answer for the same bytes again; 413 above <c>Documents__MaxBytes</c>; 415 when
    /// its first bytes are not a PDF, JPEG, PNG or TIFF, whatever it is called.
    /// </summary>
    [WolverinePost("/api/documents")]
    public static async Task<IResult> Upload(string? name, HttpRequest request, IDocumentSession session, IFileStore files,
        FileStoreOptions options, IActorContext actors, IClock clock, CancellationToken ct)
    {
        if (name is { Length: > 200 }) throw Refused.Invalid("name", "must be at most 200 characters");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxBytes + 1;

        await using var upload = await IncomingFile.ReadAsync(request.Body, options.MaxBytes, ct);
        if (upload.Refusal is { } refusal) return Results.Problem(refusal);

        var existing = await session.LoadAsync<StoredDocument>(Digest.StreamOf(upload.Sha256), ct);
        var stamp = new Stamp(actors.Current.Name, clock.GetCurrentInstant(), Stamp.DayOf(clock.GetCurrentInstant()));
        if (StoredDocument.Decide(existing, upload.Sha256, upload.MediaType!, upload.Bytes, name?.Trim(), stamp) is not { } uploaded)
            return Results.Ok(DocumentView.Of(existing!));

        // The bytes go in first: an event must never cite a file the store does not hold.
        upload.Content.Position = 0;
        await files.PutAsync(upload.Sha256, upload.Content, ct);
        session.Events.StartStream<StoredDocument>(Digest.StreamOf(upload.Sha256), uploaded);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/documents/{upload.Sha256}", DocumentView.Of(StoredDocument.Create(uploaded)));
    }

    [WolverineGet("/api/documents/{sha256}")]
    public static async Task<DocumentView> Get(string sha256, IQuerySession session, CancellationToken ct) =>
        DocumentView.Of(await FindAsync(sha256, session, ct));

    /// <summary>The bytes as uploaded, under their own media type.</summary>
    [WolverineGet("/api/documents/{sha256}/content")]
    public static async Task<IResult> Content(string sha256, IQuerySession session, IFileStore files, CancellationToken ct)
    {
        var document = await FindAsync(sha256, session, ct);
        var stream = await files.OpenAsync(document.Sha256, ct)
                     ?? throw Refused.NotFound($"The stored file of document {document.Sha256} is missing; GET /api/verify names it.");
        return Results.File(stream, document.MediaType, DocumentView.Of(document).FileName);
    }

    public static async Task<StoredDocument> FindAsync(string sha256, IQuerySession session, CancellationToken ct)
    {
        var digest = sha256.Trim().ToLowerInvariant();
        if (!Digest.IsSha256(digest)) throw Refused.Invalid("sha256", "must be a SHA-256 digest: 64 hexadecimal digits");
        return await session.LoadAsync<StoredDocument>(Digest.StreamOf(digest), ct)
               ?? throw Refused.NotFound($"No document with digest {digest} was uploaded.");
    }

    /// <summary>An upload as read: its digest, size, type by content and the bytes in a temporary file, or why it is refused.</summary>
    private sealed record IncomingFile(string Sha256, long Bytes, string? MediaType, Stream Content, ProblemDetails? Refusal) : IAsyncDisposable
    {
        public static async Task<IncomingFile> ReadAsync(Stream body, long max, CancellationToken ct)
        {
            var content = new FileStream(Path.Combine(Path.GetTempPath(), $"sanzi-upload-{Guid.NewGuid():N}"), FileMode.CreateNew,
                FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            var head = new byte[Ledger.Documents.MediaType.MagicLength];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (total < head.Length) buffer.AsSpan(0, Math.Min(read, head.Length - (int)total)).CopyTo(head.AsSpan((int)total));
                total += read;
                if (total > max) return Refuse(content, StatusCodes.Status413PayloadTooLarge, $"must be at most {max} bytes (Documents__MaxBytes)");
                hash.AppendData(buffer, 0, read);
                await content.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            if (total == 0) return Refuse(content, StatusCodes.Status400BadRequest, "is empty: send the file as the request body");
            var type = Ledger.Documents.MediaType.Sniff(head.AsSpan(0, (int)Math.Min(total, head.Length)));
            if (type is null)
                return Refuse(content, StatusCodes.Status415UnsupportedMediaType,
                    "must be a PDF, JPEG, PNG or TIFF file: its first bytes say it is none of these, whatever its name");
            return new IncomingFile(Convert.ToHexStringLower(hash.GetHashAndReset()), total, type, content, null);
        }

        private static IncomingFile Refuse(Stream content, int status, string rule) =>
            new("", 0, null, content, new ValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [rule] })
            {
                Status = status, Title = "The document is not acceptable", Detail = $"body {rule}; nothing was stored.",
            });

        public ValueTask DisposeAsync() => Content.DisposeAsync();
    }
}
