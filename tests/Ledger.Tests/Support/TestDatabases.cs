using Npgsql;

namespace Sanzi.Tests.Support;

/// <summary>Databases of their own on the test run's PostgreSQL server, for tests that must not share the ledger's.</summary>
public static class TestDatabases
{
    /// <summary>Creates the database afresh (dropping one of that name left by an earlier run) and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string database)
    {
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Ledger"));
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"drop database if exists \"{database}\" with (force); create database \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
    }
}
