using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sanzi.Integrity;

/// <summary>
/// The arithmetic of the chain, nothing else. Each event's hash covers the previous hash in its stream,
/// so editing or removing an event breaks every later link of that stream; each seal covers the event
/// hashes of a sequence range and the previous seal, so the latest seal's hash vouches for the whole log.
/// </summary>
/// <remarks>
/// An event's preimage is <c>"sanzi-event-v1"</c> followed by each field in a fixed order: integers as
/// 8 bytes big-endian, the stream id as its 16 bytes in RFC 4122 order, the archived flag as one byte,
/// texts as a 4-byte big-endian length and their UTF-8 (length -1 for null). Length prefixes make the
/// encoding unambiguous without escaping, so hashing a large body costs one pass.
/// </remarks>
public static class HashChain
{
    public const int Size = 32;

    /// <summary>The "previous hash" of a stream's first event.</summary>
    public static readonly byte[] Genesis = new byte[Size];

    /// <summary>The "previous hash" of the first seal, in hex like every seal field.</summary>
    public static readonly string SealGenesis = new('0', 2 * Size);

    /// <summary>The preimage's first bytes; the writer's SQL (<see cref="EventHashing"/>) starts from them too.</summary>
    internal static readonly byte[] Magic = "sanzi-event-v1"u8.ToArray();

    public static byte[] Link(ReadOnlySpan<byte> previous, EventRow e)
    {
        var buffer = new Preimage();
        var hash = new byte[Size];
        Link(previous, e, hash, buffer);
        return hash;
    }

    /// <summary>Hashes into <paramref name="destination"/>, reusing <paramref name="preimage"/> between calls.</summary>
    public static void Link(ReadOnlySpan<byte> previous, EventRow e, Span<byte> destination, Preimage preimage)
    {
        preimage.Reset();
        preimage.Bytes(Magic);
        preimage.Bytes(previous);
        preimage.Int(e.Seq);
        preimage.Guid(e.StreamId);
        preimage.Int(e.Version);
        preimage.Text(e.Type);
        preimage.Text(e.DotnetType);
        preimage.Int(e.TimestampMicros);
        preimage.Text(e.TenantId);
        preimage.Text(e.UserName);
        preimage.Text(e.CorrelationId);
        preimage.Text(e.CausationId);
        preimage.Utf8(e.Headers);
        preimage.Byte(e.IsArchived ? (byte)1 : (byte)0);
        preimage.Utf8(e.Data);
        preimage.HashInto(destination);
    }

    /// <summary>
    /// <see cref="Link(ReadOnlySpan{byte}, EventRow, Span{byte}, Preimage)"/> of the current row of a binary COPY of
    /// <see cref="EventRow.Columns"/>, from the bytes received: the texts go in with the length words COPY framed them
    /// with (the preimage's own encoding of a text), the integers and the stream id without theirs, the time moved to the
    /// Unix epoch and the archived flag as one byte.
    /// </summary>
    internal static void LinkCopied(ReadOnlySpan<byte> previous, CopyRows row, Span<byte> destination, Preimage preimage)
    {
        preimage.Reset();
        preimage.Bytes(Magic);
        preimage.Bytes(previous);
        preimage.Bytes(row.Value(EventRow.At.Seq));
        preimage.Bytes(row.Value(EventRow.At.StreamId));
        preimage.Bytes(row.Value(EventRow.At.Version));
        preimage.Bytes(row.Framed(EventRow.At.Type, EventRow.At.DotnetType));
        preimage.Int(EventRow.Micros(row.Int64(EventRow.At.Timestamp)));
        preimage.Bytes(row.Framed(EventRow.At.TenantId, EventRow.At.Headers));
        preimage.Byte(row.Bool(EventRow.At.IsArchived) ? (byte)1 : (byte)0);
        preimage.Bytes(row.Framed(EventRow.At.Data, EventRow.At.Data));
        preimage.HashInto(destination);
    }

    /// <summary>The writer's mark on a hash: proves the hash row came from the ledger, which alone holds the key.</summary>
    public static byte[] Mac(byte[] key, ReadOnlySpan<byte> hash) => HMACSHA256.HashData(key, hash);

    /// <summary>Checks writers' marks with the HMAC keyed once: keying one per mark cost verify more than all its hashing. One per thread.</summary>
    public sealed class MarkCheck(byte[] key) : IDisposable
    {
        private readonly IncrementalHash _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        private readonly byte[] _expected = new byte[Size];

        public bool Matches(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> mac)
        {
            _hmac.AppendData(hash);
            _hmac.GetHashAndReset(_expected);
            return _expected.AsSpan().SequenceEqual(mac);
        }

        public void Dispose() => _hmac.Dispose();
    }

    /// <summary>The seal's own hash: SHA-256 of canonical JSON, so anyone can rebuild it from a seal file line.</summary>
    public static string SealHash(string previousSealHash, long fromSeq, long toSeq, long events, string root, string sealedAt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{{\"events\":{events},\"fromSeq\":{fromSeq},\"prevHash\":\"{previousSealHash}\",\"root\":\"{root}\"," +
            $"\"sealedAt\":\"{sealedAt}\",\"toSeq\":{toSeq}}}")));

    /// <summary>A growable byte buffer for preimages, and the SHA-256 that hashes them; one per thread.</summary>
    public sealed class Preimage
    {
        private byte[] _buffer = new byte[4096];
        private int _length;

        // Reused rather than SHA256.HashData: the one-shot looks the digest up in OpenSSL on every call, under a lock two
        // hashing threads then queue on; it cost verify several times the hashing itself.
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public void HashInto(Span<byte> destination)
        {
            _sha256.AppendData(Written);
            _sha256.GetHashAndReset(destination);
        }

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Reset() => _length = 0;

        public void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

        public void Byte(byte b) => Take(1)[0] = b;

        public void Int(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

        public void Guid(Guid value) => value.TryWriteBytes(Take(16), bigEndian: true, out _);

        public void Utf8(byte[]? value)
        {
            BinaryPrimitives.WriteInt32BigEndian(Take(4), value?.Length ?? -1);
            if (value is not null) Bytes(value);
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(Take(4), -1);
                return;
            }
            Ensure(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length, 4), written);
            _length += 4 + written;
        }

        private Span<byte> Take(int count)
        {
            Ensure(count);
            var span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }

        private void Ensure(int count)
        {
            if (_length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }
    }
}
