using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Sanzi.Integrity;
using Shouldly;

namespace Sanzi.UnitTests.Integrity;

public class HashChainTests
{
    private static readonly Guid Stream = new("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    private static EventRow Event() => new(42, Stream, 1, "asset_registered", "Sanzi.Ledger.Assets.AssetRegistered, Sanzi.Ledger",
        Utf8("""{"a": "皮卡车", "b": 1.50}"""), 1_795_000_000_123_456, "*DEFAULT*", "张敏", "req-1", null, Utf8("""{"role": "township-clerk"}"""), false);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void An_events_hash_is_sha256_of_the_documented_preimage_so_an_inspector_can_rebuild_it()
    {
        var preimage = new List<byte>("sanzi-event-v1"u8.ToArray());
        preimage.AddRange(HashChain.Genesis);
        void Int(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, v); preimage.AddRange(b); }
        void Text(string? v)
        {
            var bytes = v is null ? null : Encoding.UTF8.GetBytes(v);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
            preimage.AddRange(length);
            preimage.AddRange(bytes ?? []);
        }
        var e = Event();
        Int(e.Seq);
        preimage.AddRange(Convert.FromHexString("3f2504e04f8911d39a0c0305e82c3301"));
        Int(e.Version);
        Text(e.Type);
        Text(e.DotnetType);
        Int(e.TimestampMicros);
        Text(e.TenantId);
        Text(e.UserName);
        Text(e.CorrelationId);
        Text(e.CausationId);
        Text("""{"role": "township-clerk"}""");
        preimage.Add(0);
        Text("""{"a": "皮卡车", "b": 1.50}""");

        HashChain.Link(HashChain.Genesis, e).ShouldBe(SHA256.HashData(preimage.ToArray()));
    }

    [Fact]
    public void Every_column_and_the_previous_hash_change_the_hash()
    {
        var e = Event();
        var original = HashChain.Link(HashChain.Genesis, e);

        new[]
        {
            HashChain.Link(SHA256.HashData("x"u8), e),
            HashChain.Link(HashChain.Genesis, e with { Seq = 43 }),
            HashChain.Link(HashChain.Genesis, e with { StreamId = Guid.NewGuid() }),
            HashChain.Link(HashChain.Genesis, e with { Version = 2 }),
            HashChain.Link(HashChain.Genesis, e with { Type = "asset_disposed" }),
            HashChain.Link(HashChain.Genesis, e with { DotnetType = "Sanzi.Ledger.Assets.AssetDisposed, Sanzi.Ledger" }),
            HashChain.Link(HashChain.Genesis, e with { Data = Utf8("""{"a": "皮卡车", "b": 1.5}""") }),
            HashChain.Link(HashChain.Genesis, e with { TimestampMicros = e.TimestampMicros + 1 }),
            HashChain.Link(HashChain.Genesis, e with { TenantId = "county-2" }),
            HashChain.Link(HashChain.Genesis, e with { UserName = "李四" }),
            HashChain.Link(HashChain.Genesis, e with { CorrelationId = null }),
            HashChain.Link(HashChain.Genesis, e with { CausationId = "cmd-1" }),
            HashChain.Link(HashChain.Genesis, e with { Headers = Utf8("""{"role": "reform-office"}""") }),
            HashChain.Link(HashChain.Genesis, e with { IsArchived = true }),
        }.Select(Convert.ToHexString).ShouldNotContain(Convert.ToHexString(original));
    }

    [Fact]
    public void Adjacent_texts_cannot_trade_characters()
    {
        var e = Event();
        HashChain.Link(HashChain.Genesis, e with { UserName = "张", CorrelationId = "敏req-1" })
            .ShouldNotBe(HashChain.Link(HashChain.Genesis, e));
    }

    [Fact]
    public void Only_the_key_holder_can_mark_a_hash()
    {
        var hash = HashChain.Link(HashChain.Genesis, Event());
        var key = RandomNumberGenerator.GetBytes(32);
        var mac = HashChain.Mac(key, hash);

        using var marks = new HashChain.MarkCheck(key);
        marks.Matches(hash, mac).ShouldBeTrue();
        marks.Matches(SHA256.HashData(hash), mac).ShouldBeFalse();
        marks.Matches(hash, mac).ShouldBeTrue("the check is keyed once and reset after each mark");
        using var otherKey = new HashChain.MarkCheck(RandomNumberGenerator.GetBytes(32));
        otherKey.Matches(hash, mac).ShouldBeFalse();
    }

    [Fact]
    public void A_seal_hash_is_sha256_of_its_fields_as_canonical_json()
    {
        var root = Convert.ToHexStringLower(SHA256.HashData("a"u8));
        var seal = HashChain.SealHash(HashChain.SealGenesis, 1, 5, 2, root, "2026-11-20T08:00:02.000000Z");

        seal.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            "{\"events\":2,\"fromSeq\":1,\"prevHash\":\"" + HashChain.SealGenesis + "\",\"root\":\"" + root +
            "\",\"sealedAt\":\"2026-11-20T08:00:02.000000Z\",\"toSeq\":5}"))));
        HashChain.SealHash(seal, 6, 9, 2, root, "2026-11-20T08:00:04.000000Z")
            .ShouldNotBe(HashChain.SealHash(HashChain.SealGenesis, 6, 9, 2, root, "2026-11-20T08:00:04.000000Z"));
    }
}
