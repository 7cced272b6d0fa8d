using System.IO.Pipelines;
using System.Text.Json;
using Sanzi.Ledger.Common;

namespace Sanzi.Projections.Reports;

/// <summary>
/// A report's JSON written as it is made: a <see cref="Utf8JsonWriter"/> straight into the response's pipe, which is flushed
/// to the client whenever <see cref="Chunk"/> bytes have gathered, so that no buffer of the report's own is allocated per request
/// (a large one lands on the large object heap, and each brings a full garbage collection nearer). The writer's encoder is the answers'
/// (<see cref="LedgerJson.AnswerEncoder"/>), so what is written here is what serializing the report's records gives.
/// </summary>
public sealed class JsonChunks(PipeWriter body) : IAsyncDisposable
{
    /// <summary>
    /// What is sent at a time: large enough that a write costs little beside it, small enough to hold nothing whole. Each send
    /// waits for the connection to take it, a hand-over between threads that a loaded machine makes dear: a 1 MB debt register
    /// sent in 64 KB chunks waited twenty times.
    /// </summary>
    public const int Chunk = 256 * 1024;

    private Utf8JsonWriter? _json;
    private long _sent;

    public Utf8JsonWriter Json => _json ??= new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true, Encoder = LedgerJson.AnswerEncoder });

    /// <summary>Sends what is written once a chunk has gathered.</summary>
    public ValueTask SendIfFullAsync(CancellationToken ct) =>
        Json.BytesCommitted + Json.BytesPending - _sent >= Chunk ? SendAsync(ct) : ValueTask.CompletedTask;

    public async ValueTask SendAsync(CancellationToken ct)
    {
        Json.Flush();
        _sent = Json.BytesCommitted;
        await body.FlushAsync(ct);
    }

    public ValueTask DisposeAsync() => _json?.DisposeAsync() ?? ValueTask.CompletedTask;
}
