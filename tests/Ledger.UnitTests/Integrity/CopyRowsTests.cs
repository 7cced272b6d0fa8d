using System.Buffers.Binary;
using System.Text;
using Sanzi.Integrity;
using Shouldly;

namespace Sanzi.UnitTests.Integrity;

/// <summary>
/// Verify hashes events from the bytes of a binary COPY; these rows are written here as PostgreSQL's binary COPY format
/// frames them (its documented layout), so the hash from the bytes is checked against the hash of the decoded event.
/// </summary>
public class CopyRowsTests
{
    private static readonly Guid Stream = new("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    private static readonly EventRow Registered = new(42, Stream, 1, "asset_registered", "Sanzi.Ledger.Assets.AssetRegistered, Sanzi.Ledger",
        Utf8("""{"a": "皮卡车", "b": 1.50}"""), 1_795_000_000_123_456, "*DEFAULT*", "张敏", "req-1", null, Utf8("""{"role": "township-clerk"}"""), false);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task An_event_hashed_from_its_copied_bytes_has_the_hash_of_the_event_they_decode_to()
    {
        var rows = new[]
        {
            Registered,
            Registered with { Seq = 43, Version = 2, TenantId = null, UserName = null, CorrelationId = null, Headers = null, IsArchived = true },
            // A body longer than the reader's first buffer: the row is read across several fills.
            Registered with { Seq = 44, Version = 3, Data = Utf8($$"""{"note": "{{new string('账', 40_000)}}"}""") },
        };
        await using var copy = await CopyRows.FromAsync(new MemoryStream(Copy(rows)), EventRow.ColumnCount, CancellationToken.None);
        var preimage = new HashChain.Preimage();
        var previous = HashChain.Link(HashChain.Genesis, Registered);

        foreach (var expected in rows)
        {
            (await copy.ReadAsync(CancellationToken.None)).ShouldBeTrue();
            var hash = new byte[HashChain.Size];
            HashChain.LinkCopied(previous, copy, hash, preimage);
            hash.ShouldBe(HashChain.Link(previous, expected), $"event {expected.Seq}");

            var decoded = EventRow.From(copy);
            decoded.ShouldBe(expected with { Data = decoded.Data, Headers = decoded.Headers });
            decoded.Data.ShouldBe(expected.Data);
            decoded.Headers.ShouldBe(expected.Headers);
        }
        (await copy.ReadAsync(CancellationToken.None)).ShouldBeFalse("the trailer ends the rows");
    }

    /// <summary>Binary COPY: signature, flags, header extension; per row a 16-bit field count, each field a 32-bit length (−1 for null) and its bytes; −1 to end.</summary>
    private static byte[] Copy(IEnumerable<EventRow> rows)
    {
        var output = new MemoryStream();
        output.Write([(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0]);
        output.Write(new byte[8]);
        void Field(byte[]? bytes)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
            output.Write(length);
            if (bytes is not null) output.Write(bytes);
        }
        byte[] Int(long value)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            return bytes;
        }
        byte[]? Text(string? value) => value is null ? null : Utf8(value);
        foreach (var e in rows)
        {
            output.Write([0, EventRow.ColumnCount]);
            Field(Int(e.Seq));
            Field(e.StreamId.ToByteArray(bigEndian: true));
            Field(Int(e.Version));
            Field(Text(e.Type));
            Field(Text(e.DotnetType));
            Field(Int(e.TimestampMicros - 946_684_800L * 1_000_000)); // timestamptz: microseconds since 2000-01-01
            Field(Text(e.TenantId));
            Field(Text(e.UserName));
            Field(Text(e.CorrelationId));
            Field(Text(e.CausationId));
            Field(e.Headers);
            Field([e.IsArchived ? (byte)1 : (byte)0]);
            Field(e.Data);
        }
        output.Write([0xFF, 0xFF]);
        return output.ToArray();
    }
}
