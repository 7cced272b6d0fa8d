using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Sanzi.Integrity.Files;

/// <summary>
/// Files as rows of a bytea table beside the event table (<c>Documents__Store=database</c>), for a ledger whose
/// server is backed up as a whole and has no folder of its own to keep.
/// </summary>
public sealed class DatabaseFileStore(IDocumentStore store) : IFileStore
{
    public const string TableName = "mt_stored_files";

    private string Table => $"{store.Options.DatabaseSchemaName}.{TableName}";

    public string Describe => $"table {Table}";

    public async Task PutAsync(string sha256, Stream content, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var insert = new NpgsqlCommand($"insert into {Table} (sha256, content) values ($1, $2) on conflict (sha256) do nothing", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        insert.Parameters.Add(new NpgsqlParameter { Value = content, NpgsqlDbType = NpgsqlDbType.Bytea });
        await insert.ExecuteNonQueryAsync(ct);
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var select = new NpgsqlCommand($"select content from {Table} where sha256 = $1", connection);
        select.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        return await select.ExecuteScalarAsync(ct) is byte[] bytes ? new MemoryStream(bytes, writable: false) : null;
    }
}
