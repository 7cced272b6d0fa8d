using NodaTime;

namespace Sanzi.Ledger.Common;

/// <summary>
/// The ISO texts NodaTime's JSON converters read and write (<c>InstantPattern.ExtendedIso</c>, <c>LocalDatePattern.Iso</c>),
/// for years 1 to 9999 in the ISO calendar only, with a dot before the fraction: whatever this does not take,
/// <see cref="IsoTimeJson"/> leaves to NodaTime.
/// </summary>
internal static class IsoText
{
    /// <summary>The longest text: <c>yyyy-MM-ddTHH:mm:ss.fffffffffZ</c>.</summary>
    public const int MaxLength = 30;

    private const int DateLength = 10;

    public static bool TryParse(ReadOnlySpan<byte> text, out LocalDate value)
    {
        value = default;
        if (text.Length != DateLength || !TryDate(text, out var year, out var month, out var day)) return false;
        value = new LocalDate(year, month, day);
        return true;
    }

    public static bool TryParse(ReadOnlySpan<byte> text, out Instant value)
    {
        value = default;
        // yyyy-MM-ddTHH:mm:ss, then nothing or a dot and one to nine digits, then Z.
        if (text.Length is < 20 or > MaxLength || text[^1] != 'Z' || text[DateLength] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDate(text, out var year, out var month, out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || hour > 23
            || !TryDigits(text.Slice(14, 2), out var minute) || minute > 59
            || !TryDigits(text.Slice(17, 2), out var second) || second > 59)
            return false;
        var fraction = text[19..^1];
        var nanoseconds = 0;
        if (fraction.Length > 0)
        {
            if (fraction.Length == 1 || fraction[0] != '.' || !TryDigits(fraction[1..], out nanoseconds)) return false;
            for (var scale = fraction.Length - 1; scale < 9; scale++) nanoseconds *= 10;
        }
        value = Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanoseconds);
        return true;
    }

    /// <summary>The bytes written, or 0 for a date this does not write.</summary>
    public static int TryFormat(LocalDate value, Span<byte> text)
    {
        if (value.Calendar != CalendarSystem.Iso || value.Year is < 1 or > 9999) return 0;
        WriteDate(value, text);
        return DateLength;
    }

    /// <summary>The bytes written, or 0 for an instant this does not write. The fraction loses its trailing zeros, and its dot with them.</summary>
    public static int TryFormat(Instant value, Span<byte> text)
    {
        if (value < Instant.MinValue || value > Instant.MaxValue) return 0;
        var utc = value.InUtc().LocalDateTime;
        if (utc.Year is < 1 or > 9999) return 0;
        WriteDate(utc.Date, text);
        text[DateLength] = (byte)'T';
        WriteDigits(utc.Hour, text.Slice(11, 2));
        text[13] = (byte)':';
        WriteDigits(utc.Minute, text.Slice(14, 2));
        text[16] = (byte)':';
        WriteDigits(utc.Second, text.Slice(17, 2));
        var length = 19;
        var nanoseconds = utc.NanosecondOfSecond;
        if (nanoseconds > 0)
        {
            var digits = 9;
            while (nanoseconds % 10 == 0) (nanoseconds, digits) = (nanoseconds / 10, digits - 1);
            text[length++] = (byte)'.';
            WriteDigits(nanoseconds, text.Slice(length, digits));
            length += digits;
        }
        text[length++] = (byte)'Z';
        return length;
    }

    private static bool TryDate(ReadOnlySpan<byte> text, out int year, out int month, out int day)
    {
        (month, day) = (0, 0);
        return TryDigits(text[..4], out year) && year >= 1 && text[4] == '-' && text[7] == '-'
               && TryDigits(text.Slice(5, 2), out month) && month is >= 1 and <= 12
               && TryDigits(text.Slice(8, 2), out day) && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month);
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if ((uint)(b - '0') > 9) return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }

    private static void WriteDate(LocalDate date, Span<byte> text)
    {
        WriteDigits(date.Year, text[..4]);
        text[4] = (byte)'-';
        WriteDigits(date.Month, text.Slice(5, 2));
        text[7] = (byte)'-';
        WriteDigits(date.Day, text.Slice(8, 2));
    }

    /// <summary>Writes <paramref name="value"/> zero-padded to fill <paramref name="text"/>.</summary>
    private static void WriteDigits(int value, Span<byte> text)
    {
        for (var i = text.Length - 1; i >= 0; i--, value /= 10) text[i] = (byte)('0' + value % 10);
    }
}
