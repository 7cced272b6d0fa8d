using System.Collections.Frozen;

namespace Sanzi.Ledger.Common;

/// <summary>Enum names as the JSON API spells them (camelCase), and the check that a bound value is one of them.</summary>
public static class ApiNames
{
    /// <summary>Looked up, not spelt per call: reports name a side or a type on every line they write.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        Spelt<T>.Names.TryGetValue(value, out var name) ? name : Spell(value);

    private static string Spell<T>(T value) where T : struct, Enum
    {
        var s = value.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }

    public static string List<T>() where T : struct, Enum => Listed<T>.Names;

    /// <summary>
    /// Checks an enum field of a request. A name the API does not know binds to a value outside the enum
    /// (see <see cref="ApiEnumConverter{T}"/>), so that every other field is still checked in the same answer.
    /// </summary>
    public static Rules OneOf<T>(this Rules rules, T? value, string field, bool required = true) where T : struct, Enum =>
        value is not { } v
            ? rules.Check(!required, field, "is required")
            : rules.Check(Enum.IsDefined(v), field, Listed<T>.Rule);

    /// <summary>
    /// Built once per enum: <see cref="OneOf{T}"/> passes its message whether or not the value is valid, and building it
    /// per call (names, join, interpolation) was a third of an import's row checking in a CPU profile.
    /// </summary>
    private static class Listed<T> where T : struct, Enum
    {
        public static readonly string Names = string.Join(", ", Enum.GetValues<T>().Select(v => Name(v)));
        public static readonly string Rule = $"must be one of: {Names}";
    }

    private static class Spelt<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, Spell);
    }
}
