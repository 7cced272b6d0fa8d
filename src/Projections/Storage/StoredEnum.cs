namespace Sanzi.Projections.Storage;

/// <summary>An enum read back from where a document or a kept table stored it: its C# name, in whatever case the JSON wrote it.</summary>
public static class StoredEnum
{
    public static T Parse<T>(string name) where T : struct, Enum => Enum.Parse<T>(name, ignoreCase: true);
}
