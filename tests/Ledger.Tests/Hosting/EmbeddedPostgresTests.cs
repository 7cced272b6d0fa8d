using Npgsql;
using Sanzi.Api.Hosting;
using Shouldly;

namespace Sanzi.Tests.Hosting;

/// <summary>The embedded server as a newcomer meets it: a copied data folder, a private home folder.</summary>
public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task A_copied_folder_whose_postmaster_pid_names_a_running_server_gets_its_own_server()
    {
        var original = await EmbeddedPostgres.StartAsync(TempFolder("original"), throwaway: true);
        await using var _ = original;
        var copyDir = TempFolder("copy");
        await (await EmbeddedPostgres.StartAsync(copyDir, throwaway: false)).DisposeAsync();
        // What a copy of a running cluster carries: the original's lock file, naming a live server and its folder.
        File.Copy(Path.Combine(original.DataDirectory, "postmaster.pid"), Path.Combine(copyDir, "postmaster.pid"), overwrite: true);

        await using var copy = await EmbeddedPostgres.StartAsync(copyDir, throwaway: true);

        copy.Port.ShouldNotBe(original.Port);
        (await ServedFolder(copy)).ShouldBe(copyDir);
        (await ServedFolder(original)).ShouldBe(original.DataDirectory);
    }

    [Fact]
    public async Task A_second_ledger_on_the_same_folder_joins_the_running_server()
    {
        var dir = TempFolder("shared");
        await using var first = await EmbeddedPostgres.StartAsync(dir, throwaway: true);
        var second = await EmbeddedPostgres.StartAsync(dir, throwaway: false);

        second.Port.ShouldBe(first.Port);
        await second.DisposeAsync(); // joined, so leaves the server running for the first
        (await ServedFolder(first)).ShouldBe(dir);
    }

    [Fact, System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task As_root_a_folder_the_postgres_user_cannot_reach_keeps_its_cluster_where_it_can()
    {
        Assert.SkipUnless(Environment.UserName == "root", "only root hands the server to the postgres user");
        var home = Directory.CreateTempSubdirectory("sanzi-private-");
        File.SetUnixFileMode(home.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var asked = Path.Combine(home.FullName, "src", "Api", ".ledger", "pg");
            await using var server = await EmbeddedPostgres.StartAsync(asked, throwaway: true);

            server.DataDirectory.ShouldStartWith(EmbeddedPostgres.RelocationRoot);
            (await ServedFolder(server)).ShouldBe(server.DataDirectory);
            EmbeddedPostgres.ServiceUserPlace(asked).ShouldBe(server.DataDirectory, "the same checkout finds its cluster again");

            // The checkout deleted and cloned again at the same path: its books start afresh, not on the old clone's database.
            File.Delete(Path.Combine(asked, EmbeddedPostgres.ClusterNote));
            EmbeddedPostgres.ServiceUserPlace(asked).ShouldNotBe(server.DataDirectory);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static string TempFolder(string name) => Path.Combine(Path.GetTempPath(), $"sanzi-pg-{name}-{Guid.NewGuid():N}");

    private static async Task<string?> ServedFolder(EmbeddedPostgres server)
    {
        await using var conn = new NpgsqlConnection(server.ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var show = new NpgsqlCommand("show data_directory", conn);
        return (string?)await show.ExecuteScalarAsync();
    }
}
