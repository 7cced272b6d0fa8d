using System.Buffers;
using System.Text;
using System.Text.Json;
using Sanzi.Integrity;
using Shouldly;

namespace Sanzi.UnitTests.Integrity;

/// <summary>
/// Verify compares a replayed document with the stored one as the text PostgreSQL prints for jsonb. The expected texts
/// here are PostgreSQL 15's own print (<c>select '…'::jsonb::text</c>) of the input beside them.
/// </summary>
public class JsonbTextTests
{
    [Fact]
    public void Json_as_the_serializer_writes_it_is_rewritten_as_postgresql_prints_it()
    {
        // Keys in declaration order, Chinese escaped as \uXXXX: as System.Text.Json writes a document.
        const string written = """
            {"name":"\u529E\u516C\u8BBE\u5907 1000","id":"01a22943","stamp":{"recordedAt":"2026-11-29T21:43:11.9964458Z","actor":"bench-clerk","correction":null},"value":4800.00,"previousUnits":["360702101","x\"y\\z\n\t\u0001/"],"isHeld":true,"neg":-1.50,"e":[],"o":{},"ab":false}
            """;
        Printed(written).ShouldBe("""
            {"e": [], "o": {}, "ab": false, "id": "01a22943", "neg": -1.50, "name": "办公设备 1000", "stamp": {"actor": "bench-clerk", "correction": null, "recordedAt": "2026-11-29T21:43:11.9964458Z"}, "value": 4800.00, "isHeld": true, "previousUnits": ["360702101", "x\"y\\z\n\t\u0001/"]}
            """);
    }

    [Fact]
    public void The_rewritten_text_is_the_same_json_value()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var written = JsonSerializer.Serialize(Any(random, 0));
            using var before = JsonDocument.Parse(written);
            using var after = JsonDocument.Parse(Printed(written));
            JsonElement.DeepEquals(before.RootElement, after.RootElement).ShouldBeTrue(written);
        }
    }

    private const string Characters = "a账\"\\\n\u0002é/";

    private static object? Any(Random random, int depth) => (depth > 3 ? random.Next(4) : random.Next(6)) switch
    {
        0 => random.Next(-1000, 1000) / 100m,
        1 => new string(Enumerable.Range(0, random.Next(6)).Select(_ => Characters[random.Next(Characters.Length)]).ToArray()),
        2 => random.Next(2) == 0 ? null : random.Next(2) == 0,
        3 => "",
        4 => Enumerable.Range(0, random.Next(4)).Select(_ => Any(random, depth + 1)).ToList(),
        _ => Enumerable.Range(0, random.Next(5)).ToDictionary(i => $"{"kéy账"[..random.Next(1, 5)]}{i}", _ => Any(random, depth + 1)),
    };

    private static string Printed(string json)
    {
        var output = new ArrayBufferWriter<byte>();
        new JsonbText().Write(Encoding.UTF8.GetBytes(json.Trim()), output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
