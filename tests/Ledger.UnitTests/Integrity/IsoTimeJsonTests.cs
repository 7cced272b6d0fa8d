using System.Text.Json;
using CsCheck;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Sanzi.Ledger.Common;
using Shouldly;

namespace Sanzi.UnitTests.Integrity;

/// <summary>The short way through instants and dates in stored JSON must read and write exactly what NodaTime does.</summary>
public class IsoTimeJsonTests
{
    private static readonly JsonSerializerOptions Noda = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    private static readonly JsonSerializerOptions Fast = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb).WithFastIsoTimes();

    /// <summary>Any instant NodaTime can hold, with fractions of every length (trailing zeros included) and whole seconds.</summary>
    private static readonly Gen<Instant> Instants = Gen.OneOf(
        Gen.Long[Instant.MinValue.ToUnixTimeTicks(), Instant.MaxValue.ToUnixTimeTicks()].Select(Instant.FromUnixTimeTicks),
        Gen.Select(Gen.Long[-62_135_596_800L, 253_402_300_799L], Gen.Int[0, 999_999_999], Gen.Int[0, 9])
            .Select((seconds, nanos, digits) => Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanos / (int)Math.Pow(10, digits) * (int)Math.Pow(10, digits))));

    private static readonly Gen<LocalDate> Dates = Gen.Int[-9998, 9999].SelectMany(y => Gen.Int[1, 12].SelectMany(m =>
        Gen.Int[1, CalendarSystem.Iso.GetDaysInMonth(y, m)].Select(d => new LocalDate(y, m, d))));

    [Fact]
    public void Every_instant_is_written_as_NodaTime_writes_it_and_read_back_the_same() => WrittenAndReadAsNodaTimeDoes(Instants);

    [Fact]
    public void Every_date_is_written_as_NodaTime_writes_it_and_read_back_the_same() => WrittenAndReadAsNodaTimeDoes(Dates);

    private static void WrittenAndReadAsNodaTimeDoes<T>(Gen<T> values) => values.Sample(value =>
    {
        var text = JsonSerializer.Serialize(value, Fast);
        text.ShouldBe(JsonSerializer.Serialize(value, Noda));
        JsonSerializer.Deserialize<T>(text, Fast).ShouldBe(value);
    });

    [Theory]
    [InlineData("\"2026-11-29T21:43:11.9964458Z\"")]
    [InlineData("\"2026-11-29T21:43:11Z\"")]
    [InlineData("\"2026-11-29T21:43:11,5Z\"")]
    [InlineData("\"2024-02-29T00:00:00.000000001Z\"")]
    [InlineData("\"2026-11-29T21:43:11.Z\"")]
    [InlineData("\"2026-11-29T21:43:11.1234567891Z\"")]
    [InlineData("\"2026-02-29T00:00:00Z\"")]
    [InlineData("\"2026-11-29T24:00:00Z\"")]
    [InlineData("\"2026-11-29T23:59:60Z\"")]
    [InlineData("\"2026-11-29 21:43:11Z\"")]
    [InlineData("\"2026-11-29T21:43:11+08:00\"")]
    [InlineData("\"0000-01-01T00:00:00Z\"")]
    [InlineData("\"-0001-01-01T00:00:00Z\"")]
    [InlineData("\"2026\\u002d11-29T21:43:11Z\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("1795000000")]
    public void An_instant_text_is_taken_or_refused_as_NodaTime_does(string json) => SameAsNoda<Instant>(json);

    [Theory]
    [InlineData("\"2026-04-01\"")]
    [InlineData("\"2024-02-29\"")]
    [InlineData("\"2026-02-29\"")]
    [InlineData("\"2026-13-01\"")]
    [InlineData("\"2026-04-00\"")]
    [InlineData("\"2026-4-1\"")]
    [InlineData("\"0000-01-01\"")]
    [InlineData("\"12026-01-01\"")]
    [InlineData("\"2026-04-01T00:00:00Z\"")]
    [InlineData("null")]
    [InlineData("20260401")]
    public void A_date_text_is_taken_or_refused_as_NodaTime_does(string json)
    {
        SameAsNoda<LocalDate>(json);
        SameAsNoda<LocalDate?>(json);
    }

    [Fact]
    public void A_stamp_reads_the_same_with_either()
    {
        const string json = """{"Actor": "张敏", "RecordedAt": "2026-11-29T21:43:11.9964458Z", "BusinessDate": "2026-11-30", "Correction": null}""";
        var fast = JsonSerializer.Deserialize<Stamp>(json, Fast)!;
        fast.ShouldBe(JsonSerializer.Deserialize<Stamp>(json, Noda));
        fast.RecordedAt.ShouldBe(Instant.FromUtc(2026, 11, 29, 21, 43, 11).PlusTicks(9_964_458));
        JsonSerializer.Serialize(fast, Fast).ShouldBe(JsonSerializer.Serialize(fast, Noda));
    }

    private static void SameAsNoda<T>(string json)
    {
        var (expected, refused) = Read<T>(json, Noda);
        var (actual, refusedToo) = Read<T>(json, Fast);
        refusedToo.ShouldBe(refused);
        actual.ShouldBe(expected);
    }

    private static (T? Value, string? Refused) Read<T>(string json, JsonSerializerOptions options)
    {
        try
        {
            return (JsonSerializer.Deserialize<T>(json, options), null);
        }
        catch (Exception e)
        {
            return (default, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
