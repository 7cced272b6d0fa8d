namespace Sanzi.Api.Hosting;

/// <summary>
/// Which PostgreSQL the ledger uses: the server named by <c>ConnectionStrings:Ledger</c>, or else an
/// embedded one in <c>Ledger:DataDirectory</c> (default <c>.ledger/pg</c> under the content root) that lives as long as the process.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _embedded;

    private LedgerDatabase(string connectionString, EmbeddedPostgres? embedded, string description)
    {
        ConnectionString = connectionString;
        _embedded = embedded;
        Description = description;
    }

    public string ConnectionString { get; }
    public string Description { get; }

    /// <summary>Opens the database, or says in one sentence why it cannot (no server binaries, a tool that refused) and gives null.</summary>
    public static async Task<LedgerDatabase?> TryOpenAsync(IConfiguration configuration, string contentRoot)
    {
        try
        {
            return await OpenAsync(configuration, contentRoot);
        }
        catch (LedgerStartupException e)
        {
            Console.Error.WriteLine($"Sanzi Ledger cannot start: {e.Message}");
            return null;
        }
    }

    public static async Task<LedgerDatabase> OpenAsync(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Ledger");
        if (!string.IsNullOrWhiteSpace(configured))
            return new LedgerDatabase(configured, null, "the server named by ConnectionStrings:Ledger");

        var dataDir = DataDirectory(configuration, contentRoot);
        var embedded = await EmbeddedPostgres.StartAsync(dataDir, throwaway: false);
        var where = embedded.DataDirectory == dataDir
            ? $"data in {dataDir}"
            : $"data in {embedded.DataDirectory} (the postgres user cannot reach {dataDir})";
        return new LedgerDatabase(embedded.ConnectionString("ledger"), embedded, $"embedded PostgreSQL on 127.0.0.1:{embedded.Port}, {where}");
    }

    /// <summary>The ledger's data folder: the embedded server's, and where a generated token key is kept either way.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["Ledger:DataDirectory"] ?? Path.Combine(".ledger", "pg"), contentRoot);

    public ValueTask DisposeAsync() => _embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
