namespace Sanzi.Api.Hosting;

/// <summary>The one line a person starting the ledger needs: where it listens, which database, which page to open.</summary>
public static class StartupLine
{
    public static void Write(WebApplication app, LedgerDatabase database, string keySource)
    {
        var url = app.Urls.FirstOrDefault()?.TrimEnd('/');
        if (url is null) return; // in-process test hosts listen nowhere
        app.Logger.LogInformation("Sanzi Ledger 三资账本 listens on {Url} | database: {Database} | tokens signed with the key from {KeySource} | open {Url}/ to begin, API reference at {Url}/api/docs",
            url, database.Description, keySource, url, url);
    }
}
