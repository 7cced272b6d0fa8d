using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Sanzi.Ledger.Common;

/// <summary>
/// NodaTime's JSON converters for <see cref="Instant"/> and <see cref="LocalDate"/>, with a short way through for the one
/// text form each is written in (<c>2026-04-01T08:30:00.1234567Z</c>, <c>2026-04-01</c>). NodaTime's pattern parse
/// and format cost a third of reading an event body (every event's stamp holds one instant and two dates), and
/// verify reads a million. Any other text, token or value goes to NodaTime's own converter, so what is accepted,
/// what is refused (with which message) and what is written stay exactly NodaTime's.
/// </summary>
public static class IsoTimeJson
{
    /// <summary>Puts the short ways in front of the converters <c>ConfigureForNodaTime</c> added, which they fall back to.</summary>
    public static JsonSerializerOptions WithFastIsoTimes(this JsonSerializerOptions options)
    {
        options.Converters.Insert(0, new InstantConverter(NodaConverter<Instant>(options)));
        options.Converters.Insert(0, new LocalDateConverter(NodaConverter<LocalDate>(options)));
        return options;
    }

    private static JsonConverter<T> NodaConverter<T>(JsonSerializerOptions options) =>
        options.Converters.OfType<JsonConverter<T>>().FirstOrDefault()
        ?? throw new InvalidOperationException($"configure NodaTime's converters before the fast {typeof(T).Name} one");

    private sealed class InstantConverter(JsonConverter<Instant> noda) : FastConverter<Instant>(noda)
    {
        protected override bool TryRead(ReadOnlySpan<byte> text, out Instant value) => IsoText.TryParse(text, out value);

        protected override int TryFormat(Instant value, Span<byte> text) => IsoText.TryFormat(value, text);
    }

    private sealed class LocalDateConverter(JsonConverter<LocalDate> noda) : FastConverter<LocalDate>(noda)
    {
        protected override bool TryRead(ReadOnlySpan<byte> text, out LocalDate value) => IsoText.TryParse(text, out value);

        protected override int TryFormat(LocalDate value, Span<byte> text) => IsoText.TryFormat(value, text);
    }

    /// <summary>The short way when it applies, NodaTime's converter for everything else (nulls, numbers, escapes, other forms, property names).</summary>
    private abstract class FastConverter<T>(JsonConverter<T> noda) : JsonConverter<T> where T : struct
    {
        public override bool HandleNull => noda.HandleNull;

        protected abstract bool TryRead(ReadOnlySpan<byte> text, out T value);

        /// <summary>The bytes written into <paramref name="text"/>, or 0 when NodaTime must write the value.</summary>
        protected abstract int TryFormat(T value, Span<byte> text);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader is { TokenType: JsonTokenType.String, HasValueSequence: false, ValueIsEscaped: false } && TryRead(reader.ValueSpan, out var value)
                ? value
                : noda.Read(ref reader, typeToConvert, options);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            Span<byte> text = stackalloc byte[IsoText.MaxLength];
            var length = TryFormat(value, text);
            if (length > 0) writer.WriteStringValue(text[..length]);
            else noda.Write(writer, value, options);
        }

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            noda.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            noda.WriteAsPropertyName(writer, value, options);
    }
}
