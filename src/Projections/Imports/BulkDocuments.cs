using Marten;
using Marten.Internal.Storage;
using Marten.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Sanzi.Projections.Imports;

/// <summary>
/// Read-model documents written in bulk on the caller's connection and transaction, beside events written by
/// <see cref="Sanzi.Integrity.EventCopy"/>: new ones by Marten's own bulk loader (COPY), existing ones replaced whole by
/// one COPY into a temporary table and one UPDATE, instead of one upsert function call per document.
/// </summary>
public sealed class BulkDocuments(IDocumentStore store)
{
    public async Task InsertAsync<T>(Tenant tenant, NpgsqlConnection connection, IReadOnlyList<T> documents, CancellationToken ct) where T : notnull
    {
        if (documents.Count == 0) return;
        var provider = (MartenDocumentProvider<T>)tenant.Database.Providers.StorageFor<T>();
        await provider.BulkLoader.LoadAsync(tenant, store.Options.Serializer(), connection, documents, ct);
    }

    /// <summary>
    /// Replaces the stored body of each snapshot by id, with its stream's version as its revision (as the inline projection
    /// stores it); the catalog rows' trigger sees each replaced row as an update.
    /// </summary>
    public async Task ReplaceAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(Guid Id, long Version, T Document)> documents,
        CancellationToken ct) where T : notnull
    {
        if (documents.Count == 0) return;
        var table = store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;
        await Execute(connection, transaction, "create temporary table sanzi_replaced (id uuid primary key, version bigint not null, data jsonb not null) on commit drop", ct);
        var serializer = store.Options.Serializer();
        await using (var copy = await connection.BeginBinaryImportAsync("copy sanzi_replaced (id, version, data) from stdin (format binary)", ct))
        {
            foreach (var (id, version, document) in documents)
            {
                await copy.StartRowAsync(ct);
                copy.Write(id, NpgsqlDbType.Uuid);
                copy.Write(version, NpgsqlDbType.Bigint);
                copy.Write(serializer.ToJson(document), NpgsqlDbType.Jsonb);
            }

            await copy.CompleteAsync(ct);
        }

        await Execute(connection, transaction, $"""
            update {table} d set data = r.data, mt_last_modified = transaction_timestamp(), mt_version = r.version
            from sanzi_replaced r where d.id = r.id;
            drop table sanzi_replaced
            """, ct);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
