using Sanzi.Ledger.Integrity;
using Shouldly;

namespace Sanzi.Tests.Integrity;

public class CanonicalJsonTests
{
    [Fact]
    public void Keys_are_sorted_at_every_depth_and_whitespace_is_dropped()
    {
        CanonicalJson.Canonicalize("""{ "b" : 1, "a" : { "d" : [ 2 , {"z":0,"y":1} ], "c" : null } }""")
            .ShouldBe("""{"a":{"c":null,"d":[2,{"y":1,"z":0}]},"b":1}""");
    }

    [Fact]
    public void What_we_serialised_and_what_jsonb_gives_back_are_the_same_text()
    {
        // jsonb orders keys by length then bytes, puts spaces after ':' and ',', and keeps numeric scale.
        var written = """{"name":"皮卡车","bookValue":86000.5,"quantity":1}""";
        var fromJsonb = """{"name": "皮卡车", "quantity": 1, "bookValue": 86000.50}""";

        CanonicalJson.Canonicalize(fromJsonb).ShouldBe(CanonicalJson.Canonicalize(written));
    }

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("86000.00", "86000")]
    [InlineData("100", "100")]
    [InlineData("1e2", "100")]
    [InlineData("1.5E+3", "1500")]
    [InlineData("15e-1", "1.5")]
    [InlineData("0.010", "0.01")]
    [InlineData("1.0e-3", "0.001")]
    [InlineData("-0.0", "0")]
    [InlineData("-0", "0")]
    [InlineData("-12.3400", "-12.34")]
    [InlineData("0", "0")]
    [InlineData("123456789012345678901234567890.01", "123456789012345678901234567890.01")]
    public void Numbers_are_written_as_their_shortest_exact_decimal(string token, string canonical)
    {
        CanonicalJson.Number(token).ShouldBe(canonical);
        CanonicalJson.Canonicalize($"[{token}]").ShouldBe($"[{canonical}]");
    }

    [Fact]
    public void Non_ascii_text_stays_literal_and_escaped_input_is_unescaped()
    {
        CanonicalJson.Canonicalize("""{"name":"\u9752\u5c71\u9547","note":"caf\u00e9 😀"}""")
            .ShouldBe("""{"name":"青山镇","note":"café 😀"}""");
    }

    [Fact]
    public void Only_quotes_backslashes_and_control_characters_are_escaped()
    {
        CanonicalJson.Canonicalize("""["a\"b\\c\/d\n\t\u0001\u001f\u007f"]""")
            .ShouldBe("[\"a\\\"b\\\\c/d\\n\\t\\u0001\\u001f\u007f\"]");
    }

    [Fact]
    public void Keys_sort_by_utf16_code_units_as_rfc_8785_says()
    {
        // U+00E9 sorts after "z"; an emoji's high surrogate (D83D) sorts before U+FFFD although its code point is higher.
        CanonicalJson.Canonicalize("""{"\ufffd":1,"😀":2,"é":3,"z":4,"Z":5}""")
            .ShouldBe("""{"Z":5,"z":4,"é":3,"😀":2,"�":1}""");
    }
}
