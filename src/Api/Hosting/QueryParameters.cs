using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Hosting;

/// <summary>
/// Parses query-string filters strictly: a value that doesn't parse is a 400 naming the parameter, never
/// silently ignored (an ignored filter would show an inspector more, or less, than asked for).
/// </summary>
public static class QueryParameters
{
    public static decimal? Amount(string? value, string name) =>
        value is null ? null
        : decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount
        : throw Refused.Invalid(name, "must be an amount in yuan, like 1000 or 999.50");

    public static Instant? Instant(string? value, string name) =>
        value is null ? null
        : InstantPattern.ExtendedIso.Parse(value) is { Success: true } parsed ? parsed.Value
        : throw Refused.Invalid(name, "must be an instant in ISO 8601 UTC, like 2026-11-30T00:00:00Z");

    public static Guid? Id(string? value, string name) =>
        value is null ? null
        : Guid.TryParse(value, out var id) ? id
        : throw Refused.Invalid(name, "must be an id (a UUID)");

    public static string? Unit(string? value, string name) =>
        value is null || DivisionCode.IsValid(value) ? value
        : throw Refused.Invalid(name, "must be a 9-digit township or 12-digit village statistical division code");

    public static string? OneOf(string? value, string name, IEnumerable<string> allowed)
    {
        var names = allowed.ToList();
        return value is null || names.Contains(value) ? value
            : throw Refused.Invalid(name, $"must be one of: {string.Join(", ", names.Order(StringComparer.Ordinal))}");
    }

    public static long Number(string? value, string name, long min, long max, long fallback) =>
        value is null ? fallback
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw Refused.Invalid(name, $"must be a whole number from {min} to {max}");

    public static void Ordered<T>(T? low, T? high, string name) where T : struct, IComparable<T>
    {
        if (low is { } l && high is { } h && l.CompareTo(h) > 0) throw Refused.Invalid(name, "must not be below the lower bound");
    }
}
