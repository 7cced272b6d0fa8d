using Marten;
using Microsoft.Extensions.DependencyInjection;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Sanzi.Ledger.Integrity;

public static class Configuration
{
    public const string HashesTable = "integrity_event_hashes";
    public const string SealsTable = "integrity_seals";

    /// <summary>The hash and seal tables, beside Marten's own in the store's schema, created with the rest of it.</summary>
    public static void AddIntegrity(this StoreOptions options)
    {
        var hashes = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, HashesTable, SchemaUtils.IdentifierUsage.General));
        hashes.AddColumn<long>("seq_id").AsPrimaryKey();
        hashes.AddColumn<Guid>("stream_id").NotNull();
        hashes.AddColumn<long>("version").NotNull();
        hashes.AddColumn("hash", "text").NotNull();
        hashes.AddColumn("prev_hash", "text").NotNull();
        // Not unique: a forged event reusing a stream version must be reported by verify, not jam the sealer.
        hashes.Indexes.Add(new IndexDefinition($"ix_{HashesTable}_stream") { Columns = ["stream_id", "version"] });

        var seals = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, SealsTable, SchemaUtils.IdentifierUsage.General));
        seals.AddColumn<long>("from_seq").AsPrimaryKey();
        seals.AddColumn<long>("to_seq").NotNull();
        seals.AddColumn<long>("events").NotNull();
        seals.AddColumn("root", "text").NotNull();
        seals.AddColumn("hash", "text").NotNull();
        seals.AddColumn("prev_hash", "text").NotNull();
        seals.AddColumn("sealed_at", "timestamptz").NotNull();

        options.Storage.ExtendedSchemaObjects.Add(hashes);
        options.Storage.ExtendedSchemaObjects.Add(seals);
    }

    /// <summary>The chain, on demand and every few seconds in the background.</summary>
    public static IServiceCollection AddIntegrity(this IServiceCollection services) =>
        services.AddSingleton<IntegrityChain>().AddHostedService<SealingService>();
}
