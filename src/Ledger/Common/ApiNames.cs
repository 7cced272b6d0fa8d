namespace Sanzi.Ledger.Common;

/// <summary>Enum names as the JSON API spells them (camelCase), for validating string fields with a helpful list.</summary>
public static class ApiNames
{
    public static IReadOnlyDictionary<string, T> Of<T>() where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => Name(v));

    public static string Name<T>(T value) where T : struct, Enum
    {
        var s = value.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }

    public static Rules OneOf<T>(this Rules rules, string? value, string field, bool required = true) where T : struct, Enum =>
        value is null
            ? rules.Check(!required, field, "is required")
            : rules.Check(Of<T>().ContainsKey(value), field, $"must be one of: {string.Join(", ", Of<T>().Keys)}");

    public static T Parse<T>(string value) where T : struct, Enum => Of<T>()[value];
}
