using System.IO.Pipelines;
using Microsoft.Net.Http.Headers;

namespace Sanzi.Api.Reports;

/// <summary>
/// An answer written straight into the response's pipe as it is made (<see cref="Results.Stream(Func{Stream, Task}, string?, string?, DateTimeOffset?, EntityTagHeaderValue?)"/>
/// offers a stream only, and a buffer between the writer and it); a download is named as that one names it.
/// </summary>
public sealed class PipedResult(Func<PipeWriter, Task> write, string contentType, string? fileDownloadName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = contentType;
        if (fileDownloadName is not null)
        {
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileDownloadName);
            context.Response.Headers.ContentDisposition = disposition.ToString();
        }
        await write(context.Response.BodyWriter);
    }
}
