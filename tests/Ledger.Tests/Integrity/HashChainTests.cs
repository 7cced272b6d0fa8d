using System.Security.Cryptography;
using System.Text;
using Sanzi.Ledger.Integrity;
using Shouldly;

namespace Sanzi.Tests.Integrity;

public class HashChainTests
{
    private static readonly Guid Stream = new("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    private static ChainedEvent Event(string data = """{"b": 1.50, "a": "皮卡车"}""", long version = 1, string? correlation = "c-1") =>
        new(42, Stream, version, "asset_registered", data, "2026-11-20T08:00:00.123456Z", "qingshan-clerk", correlation);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void An_events_hash_is_sha256_of_a_canonical_json_preimage_an_inspector_can_rebuild()
    {
        var preimage = "{\"correlationId\":\"c-1\",\"data\":{\"a\":\"皮卡车\",\"b\":1.5},\"prevHash\":\"" + HashChain.Genesis +
                       "\",\"streamId\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"timestamp\":\"2026-11-20T08:00:00.123456Z\"," +
                       "\"type\":\"asset_registered\",\"userName\":\"qingshan-clerk\",\"version\":1}";

        HashChain.Link(HashChain.Genesis, Event()).ShouldBe(Sha256(preimage));
    }

    [Fact]
    public void The_hash_ignores_how_the_body_was_spelt_but_not_what_it_says()
    {
        var original = HashChain.Link(HashChain.Genesis, Event());

        HashChain.Link(HashChain.Genesis, Event("""{"a":"皮卡车","b":1.5}""")).ShouldBe(original);
        HashChain.Link(HashChain.Genesis, Event("""{"a":"皮卡车","b":1.51}""")).ShouldNotBe(original);
    }

    [Fact]
    public void Every_hashed_field_and_the_previous_hash_change_the_hash()
    {
        var original = HashChain.Link(HashChain.Genesis, Event());
        var e = Event();

        new[]
        {
            HashChain.Link(new string('1', 64), e),
            HashChain.Link(HashChain.Genesis, e with { StreamId = Guid.NewGuid() }),
            HashChain.Link(HashChain.Genesis, e with { Version = 2 }),
            HashChain.Link(HashChain.Genesis, e with { Type = "asset_disposed" }),
            HashChain.Link(HashChain.Genesis, e with { Timestamp = "2026-11-20T08:00:00.123457Z" }),
            HashChain.Link(HashChain.Genesis, e with { UserName = "someone-else" }),
            HashChain.Link(HashChain.Genesis, e with { CorrelationId = null }),
        }.ShouldAllBe(h => h != original);
        HashChain.Link(HashChain.Genesis, e with { Seq = 7 }).ShouldBe(original, "the sequence number is the seal's business, not the link's");
    }

    [Fact]
    public void A_stream_chain_carries_each_hash_into_the_next()
    {
        var first = HashChain.Link(HashChain.Genesis, Event());
        var second = HashChain.Link(first, Event(version: 2));

        HashChain.Link(HashChain.Genesis, Event(version: 2)).ShouldNotBe(second);
        HashChain.Link(HashChain.Link(HashChain.Genesis, Event("""{"a":"x"}""")), Event(version: 2)).ShouldNotBe(second);
    }

    [Fact]
    public void A_seal_covers_its_events_in_order_its_range_its_time_and_the_seal_before_it()
    {
        var (a, b) = (Sha256("a"), Sha256("b"));
        var root = HashChain.Root([a, b]);
        root.ShouldBe(Sha256(a + b));
        HashChain.Root([b, a]).ShouldNotBe(root);

        var seal = HashChain.Seal(HashChain.Genesis, 1, 5, 2, root, "2026-11-20T08:00:02.000000Z");
        seal.ShouldBe(Sha256("{\"events\":2,\"fromSeq\":1,\"prevHash\":\"" + HashChain.Genesis + "\",\"root\":\"" + root +
                             "\",\"sealedAt\":\"2026-11-20T08:00:02.000000Z\",\"toSeq\":5}"));
        HashChain.Seal(seal, 6, 9, 2, root, "2026-11-20T08:00:04.000000Z").ShouldNotBe(
            HashChain.Seal(HashChain.Genesis, 6, 9, 2, root, "2026-11-20T08:00:04.000000Z"));
    }
}
