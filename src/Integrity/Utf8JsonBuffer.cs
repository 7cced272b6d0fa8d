using System.Buffers;
using Marten;

namespace Sanzi.Integrity;

/// <summary>
/// JSON for a COPY, serialised straight to UTF-8 into one buffer reused row after row: what the wire carries, with no
/// string between (a string is twice the bytes and is encoded again by Npgsql). The store's own serializer and options, so
/// the stored jsonb is what <c>ToJson</c> would have given. Each value is valid until the next <see cref="Of"/>; one per COPY.
/// </summary>
public sealed class Utf8JsonBuffer(ISerializer serializer)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4_096);

    public ReadOnlyMemory<byte> Of(object value)
    {
        _buffer.ResetWrittenCount();
        serializer.WriteTo(_buffer, value);
        return _buffer.WrittenMemory;
    }
}
