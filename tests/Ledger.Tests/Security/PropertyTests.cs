using System.Security.Claims;
using System.Text;
using CsCheck;
using Sanzi.Api.Hosting;
using Sanzi.Api.Identity;
using Sanzi.Ledger.Common;
using Shouldly;

namespace Sanzi.Tests.Security;

/// <summary>Properties over generated money, division codes and strings, for the rules the edge and the commands share.</summary>
public class PropertyTests
{
    private static readonly InputLimits Limits = new();

    /// <summary>Yuan to the fen, from zero to the cap.</summary>
    private static readonly Gen<decimal> Yuan = Gen.Long[0, 100_000_000_000_000].Select(fen => fen / 100m);

    [Fact]
    public void Any_amount_to_the_fen_within_the_cap_passes_and_any_fraction_of_a_fen_is_named()
    {
        Yuan.Sample(yuan =>
        {
            new Rules().Amount(yuan, "amount").Passed.ShouldBeTrue();
            JsonScreen.Check(Json($"{{\"amount\":{yuan}}}"), Limits).ShouldBeEmpty();
        });
        Gen.Select(Yuan, Gen.Int[1, 9]).Sample((yuan, tenthOfFen) =>
        {
            var amount = yuan + tenthOfFen / 1000m;
            new Rules().Amount(amount, "amount").Errors.Keys.ShouldBe(["amount"]);
            JsonScreen.Check(Json($"{{\"amount\":{amount}}}"), Limits).Keys.ShouldBe(["amount"]);
        });
    }

    [Fact]
    public void Any_number_beyond_the_cap_is_named_wherever_it_sits()
    {
        Gen.Decimal.Where(d => Math.Abs(d) > Limits.MaxAmount).Sample(d =>
            JsonScreen.Check(Json($"{{\"lines\":[{{\"quantity\":{d}}}]}}"), Limits).Keys.ShouldBe(["lines[0].quantity"]));
    }

    [Fact]
    public void A_division_code_is_nine_or_twelve_digits_and_a_township_claim_covers_exactly_its_villages()
    {
        var township = Gen.Long[10_000_000, 999_999_999].Select(n => n.ToString("D9"));
        Gen.Select(township, Gen.Int[0, 999], township).Sample((code, village, other) =>
        {
            var villageCode = code + village.ToString("D3");
            DivisionCode.IsValid(code).ShouldBeTrue();
            DivisionCode.IsValid(villageCode).ShouldBeTrue();
            DivisionCode.IsValid(code[..8]).ShouldBeFalse();
            var clerk = new ClaimsPrincipal(new ClaimsIdentity([new Claim(LedgerClaims.Unit, code)], "test"));
            UnitScope.Covers(clerk, villageCode).ShouldBeTrue();
            UnitScope.Covers(clerk, other + village.ToString("D3")).ShouldBe(other == code);
        });
        Gen.String[Gen.Char.AlphaNumeric, 0, 14].Where(s => !s.All(char.IsAsciiDigit) || s.Length is not (9 or 12))
            .Sample(s => DivisionCode.IsValid(s).ShouldBeFalse());
    }

    [Fact]
    public void A_string_passes_the_screen_exactly_when_it_has_no_control_character()
    {
        Gen.String.Sample(text =>
        {
            // The serializer repairs lone surrogates, so the property is about the text as sent.
            var json = System.Text.Json.JsonSerializer.Serialize(new { text });
            var sent = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("text").GetString()!;
            var named = JsonScreen.Check(Json(json), Limits).ContainsKey("text");
            named.ShouldBe(JsonScreen.HasControlCharacter(sent) || sent.Length > Limits.MaxStringLength || sent == Guid.Empty.ToString());
        });
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);
}
