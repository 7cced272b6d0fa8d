using System.Buffers;
using System.Text.Json;

namespace Sanzi.Projections.Reports;

/// <summary>
/// A report's JSON written as it is made: a <see cref="Utf8JsonWriter"/> on a buffer that goes to the response whenever it
/// holds <see cref="Chunk"/> bytes. The writer's default encoder is the serializer's (Chinese as <c>\uXXXX</c>), so what is
/// written here is what serializing the report's records gives.
/// </summary>
public sealed class JsonChunks(Stream body) : IAsyncDisposable
{
    /// <summary>What is sent at a time: large enough that a write costs little beside it, small enough to hold nothing whole.</summary>
    public const int Chunk = 64 * 1024;
    private readonly ArrayBufferWriter<byte> _buffer = new(Chunk * 2);
    private Utf8JsonWriter? _json;

    public Utf8JsonWriter Json => _json ??= new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    /// <summary>Sends what is written once a chunk is full.</summary>
    public ValueTask SendIfFullAsync(CancellationToken ct) => Json.BytesPending >= Chunk ? SendAsync(ct) : ValueTask.CompletedTask;

    public async ValueTask SendAsync(CancellationToken ct)
    {
        Json.Flush();
        await body.WriteAsync(_buffer.WrittenMemory, ct);
        _buffer.ResetWrittenCount();
    }

    public ValueTask DisposeAsync() => _json?.DisposeAsync() ?? ValueTask.CompletedTask;
}
