using Alba;

namespace Sanzi.Tests.Support;

/// <summary>
/// The whole HTTP ledger in-process on a database and data folder of its own, for a test that damages what the
/// shared ledger must keep clean (its verify is asserted clean by others while the tests run in parallel).
/// </summary>
public static class SeparateLedger
{
    public static async Task<(IAlbaHost Host, string Folder)> StartAsync(string name, params (string Key, string Value)[] settings)
    {
        var database = $"{name}_{Guid.NewGuid():N}";
        var connection = await TestDatabases.CreateAsync(database);
        var folder = ScratchFolders.New($"{database}-integrity");
        var host = await AlbaHost.For<Program>(b =>
        {
            b.UseSetting("ConnectionStrings:Ledger", connection);
            b.UseSetting("Integrity:Folder", folder);
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        return (host, folder);
    }
}
