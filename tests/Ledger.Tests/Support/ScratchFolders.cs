using System.Collections.Concurrent;

namespace Sanzi.Tests.Support;

/// <summary>
/// The folders a test run gives its ledgers for seal files and signing keys, removed when the run ends (<see cref="LedgerFixture"/>):
/// each run made several hundred, and none is read after its ledger has stopped.
/// </summary>
public static class ScratchFolders
{
    private static readonly ConcurrentBag<string> Made = [];

    public static string New(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}");
        Made.Add(path);
        return path;
    }

    public static void RemoveAll()
    {
        foreach (var path in Made)
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
