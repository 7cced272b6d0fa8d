using System.Collections.Concurrent;
using Marten;
using Marten.Internal.Storage;
using Marten.Storage;
using Npgsql;
using NpgsqlTypes;
using Sanzi.Integrity;
using Sanzi.Projections.Summary;

namespace Sanzi.Projections.Imports;

/// <summary>
/// Read-model documents written in bulk on the caller's connection and transaction, beside events written by
/// <see cref="Sanzi.Integrity.EventCopy"/>: new ones by one binary COPY per type, their JSON serialised to UTF-8 once
/// (<see cref="NewRows"/>); existing ones replaced whole by one COPY into a temporary table and one UPDATE, instead of one
/// upsert function call per document.
/// </summary>
public sealed class BulkDocuments(IDocumentStore store)
{
    /// <summary>Per document type, how its new rows are copied; the same in every county's database (one schema).</summary>
    private readonly ConcurrentDictionary<Type, NewRows> _shapes = new();

    public async Task InsertAsync<T>(Tenant tenant, NpgsqlConnection connection, IReadOnlyList<T> documents, CancellationToken ct) where T : notnull
    {
        if (documents.Count == 0) return;
        if (!_shapes.TryGetValue(typeof(T), out var shape))
            _shapes[typeof(T)] = shape = await NewRows.OfAsync(connection, store.Options.FindOrResolveDocumentType(typeof(T)).TableName, typeof(T), ct);
        var provider = (MartenDocumentProvider<T>)tenant.Database.Providers.StorageFor<T>();
        if (shape.Copyable)
            await shape.CopyAsync(connection, documents, d => (Guid)provider.QueryOnly.IdentityFor(d), store.Options.Serializer(), ct);
        else
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
        // Serialised on every core first, as UTF-8 (half a string's bytes, not encoded again): a handover's 10,000 catalog rows
        // are ~30 MB of JSON, the longest step when done row by row.
        var json = new byte[documents.Count][];
        Parallel.For(0, documents.Count, () => new Utf8JsonBuffer(serializer),
            (i, _, buffer) =>
            {
                json[i] = buffer.Of(documents[i].Document).ToArray();
                return buffer;
            }, _ => { });
        await using (var copy = await connection.BeginBinaryImportAsync("copy sanzi_replaced (id, version, data) from stdin (format binary)", ct))
        {
            for (var i = 0; i < documents.Count; i++)
            {
                await copy.StartRowAsync(ct);
                copy.Write(documents[i].Id, NpgsqlDbType.Uuid);
                copy.Write(documents[i].Version, NpgsqlDbType.Bigint);
                copy.Write(json[i], NpgsqlDbType.Jsonb);
            }

            await copy.CompleteAsync(ct);
        }

        await Execute(connection, transaction, $"""
            update {table} d set data = r.data, mt_last_modified = transaction_timestamp(), mt_version = r.version
            from sanzi_replaced r where d.id = r.id;
            drop table sanzi_replaced
            """, ct);
    }

    /// <summary>
    /// Writes catalog rows with the summary totals kept set-based: the totals' row trigger stands aside in this transaction
    /// (a trigger call per row cost 2 ms a row under load, 20 s for a 10,000-item handover), the rows' old shares are
    /// taken out before <paramref name="write"/> and their new ones counted in after, one statement each.
    /// </summary>
    public async Task WithTotalsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] rows, bool replacing,
        Func<Task> write, CancellationToken ct)
    {
        await Execute(connection, transaction, $"set local {SummaryTotals.InBulkSetting} = 'on'", ct);
        if (replacing) await CountAsync(connection, transaction, rows, -1, ct);
        await write();
        await CountAsync(connection, transaction, rows, 1, ct);
        await Execute(connection, transaction, $"set local {SummaryTotals.InBulkSetting} = 'off'", ct);
    }

    private async Task CountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] rows, int sign, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(SummaryTotals.Counted(store.Options.DatabaseSchemaName), connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rows });
        command.Parameters.Add(new NpgsqlParameter { Value = sign });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
