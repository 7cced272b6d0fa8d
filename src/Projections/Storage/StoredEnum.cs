using System.Collections.Frozen;

namespace Sanzi.Projections.Storage;

/// <summary>An enum read back from where a document or a kept table stored it: its C# name, in whatever case the JSON wrote it.</summary>
public static class StoredEnum
{
    /// <summary>Looked up, not parsed per call: the register and the catalog read a side or a type back on every row.</summary>
    public static T Parse<T>(string name) where T : struct, Enum =>
        Names<T>.Values.TryGetValue(name, out var value) ? value : Enum.Parse<T>(name, ignoreCase: true);

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> Values =
            Enum.GetNames<T>().ToFrozenDictionary(n => n, Enum.Parse<T>, StringComparer.OrdinalIgnoreCase);
    }
}
