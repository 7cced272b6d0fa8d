using System.Runtime.CompilerServices;
using Marten.Storage;
using Npgsql;
using NpgsqlTypes;
using Sanzi.Projections.Storage;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;

namespace Sanzi.Projections.Handovers;

/// <summary>
/// Where a handover's folded item cards and catalog rows wait for the signature's transaction (移交暂存). They are COPYed by a
/// second connection while the first writes the events and their hashes (PostgreSQL parses their ~40 MB of JSON on the core the
/// first leaves idle), committed there, and read and deleted by the signature's transaction, which sees them once committed
/// (read committed: each statement sees what committed before it). Nothing here is the ledger's: a reader never looks at this
/// table, a batch whose transaction rolls back is deleted when its session ends, and one left by a process that died meanwhile
/// is swept by the next handover after a day. Unlogged: no WAL for scratch rows, and emptied by a crash of the server.
/// </summary>
public sealed class TransferStaging(string schema, Migrator migrator) : FeatureSchemaBase("TransferStaging", migrator)
{
    public const string StagingTable = "handover_staging";

    public static string Table(string schema) => $"{schema}.{StagingTable}";

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new UnloggedTable(new PostgresqlObjectName(schema, StagingTable, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("batch").AsPrimaryKey();
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<long>("version").NotNull();
        table.AddColumn("card", "jsonb");
        table.AddColumn("row", "jsonb");
        table.AddColumn("staged_at", "timestamptz").NotNull();
        return [table];
    }

    /// <summary>
    /// Opens a batch on a connection of its own: rows are added as they are folded (PostgreSQL parses each buffer sent while the next
    /// is folded), and <see cref="Batch.Commit"/> makes them visible to the signature's transaction. Synchronous, for a thread of its
    /// own: async continuations would queue on the thread pool behind the request's.
    /// </summary>
    public static Batch Open(IMartenDatabase database, string schema, Guid batch) => new(database, schema, batch);

    /// <summary>
    /// A batch being staged. Compressed by lz4 where the server has it: the signature's UPDATEs then copy the compressed values as
    /// they are.
    /// </summary>
    public sealed class Batch : IDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;
        private readonly NpgsqlBinaryImporter _copy;
        private readonly Guid _batch;
        private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

        internal Batch(IMartenDatabase database, string schema, Guid batch)
        {
            _batch = batch;
            _connection = database.CreateConnection();
            _connection.Open();
            _transaction = _connection.BeginTransaction();
            using (var command = new NpgsqlCommand("""
                       select set_config('default_toast_compression', 'lz4', true) from pg_settings
                         where name = 'default_toast_compression' and 'lz4' = any(enumvals)
                       """, _connection, _transaction))
                command.ExecuteNonQuery();
            _copy = _connection.BeginBinaryImport($"copy {Table(schema)} (batch, id, version, card, row, staged_at) from stdin (format binary)");
        }

        /// <summary>An item's stream version after the transfer, and its catalog row as folded, or its card when it has no row.</summary>
        // Optimised when first compiled, as the handover's staging loop that calls it (BulkTransfers.Stage).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(Guid id, long version, ReadOnlyMemory<byte>? card, ReadOnlyMemory<byte>? row)
        {
            _copy.StartRow();
            _copy.Write(_batch, NpgsqlDbType.Uuid);
            _copy.Write(id, NpgsqlDbType.Uuid);
            _copy.Write(version, NpgsqlDbType.Bigint);
            Json(card);
            Json(row);
            _copy.Write(_now, NpgsqlDbType.TimestampTz);
        }

        private void Json(ReadOnlyMemory<byte>? json)
        {
            if (json is { } value) _copy.Write(value, NpgsqlDbType.Jsonb);
            else _copy.WriteNull();
        }

        public void Commit()
        {
            _copy.Complete();
            _copy.Dispose();
            _transaction.Commit();
        }

        public void Dispose()
        {
            _copy.Dispose();
            _transaction.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>The signature's own cleanup, in its transaction: its batch <c>$1</c>, and any a process that died left over a day ago.</summary>
    public static string ClearSql(string schema) =>
        $"delete from {Table(schema)} where batch = $1 or staged_at < now() - interval '1 day'";

    /// <summary>Deletes a batch whose transaction did not commit, on a connection of its own.</summary>
    public static async Task DiscardAsync(IMartenDatabase database, string schema, Guid batch)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"delete from {Table(schema)} where batch = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = batch } },
        };
        await command.ExecuteNonQueryAsync();
    }
}
