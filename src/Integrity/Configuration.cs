using Marten;
using Sanzi.Integrity.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Sanzi.Integrity;

public static class Configuration
{
    /// <summary>
    /// The hash and seal tables beside Marten's own, and the writer's hook: every session that appends
    /// events writes their hashes in the same transaction, whoever opened it.
    /// </summary>
    private static void AddIntegrity(this StoreOptions options, IntegrityKeys keys)
    {
        options.Events.MetadataConfig.CausationIdEnabled = true;

        var hashes = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Tables.HashesTable, SchemaUtils.IdentifierUsage.General));
        hashes.AddColumn<long>("seq_id").AsPrimaryKey();
        hashes.AddColumn<Guid>("stream_id").NotNull();
        hashes.AddColumn<long>("version").NotNull();
        hashes.AddColumn("hash", "bytea").NotNull();
        hashes.AddColumn("prev_hash", "bytea").NotNull();
        hashes.AddColumn("mac", "bytea").NotNull();
        hashes.Indexes.Add(new IndexDefinition($"ix_{Tables.HashesTable}_stream") { Columns = ["stream_id", "version"] });

        var seals = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Tables.SealsTable, SchemaUtils.IdentifierUsage.General));
        seals.AddColumn<long>("from_seq").AsPrimaryKey();
        seals.AddColumn<long>("to_seq").NotNull();
        seals.AddColumn<long>("events").NotNull();
        seals.AddColumn("root", "text").NotNull();
        seals.AddColumn("hash", "text").NotNull();
        seals.AddColumn("prev_hash", "text").NotNull();
        seals.AddColumn("sealed_at", "text").NotNull();
        seals.AddColumn("signature", "text").NotNull();

        options.Storage.ExtendedSchemaObjects.Add(hashes);
        options.Storage.ExtendedSchemaObjects.Add(seals);
        options.Listeners.Add(new EventHashing(new Tables(options.DatabaseSchemaName), keys));
    }

    /// <summary>
    /// The keys, the seal file, the writer's hook on the store, the chain and the background sealer.
    /// <paramref name="documents"/> names the documents verify replays from their events.
    /// </summary>
    public static IServiceCollection AddIntegrity(this IServiceCollection services, Action<DocumentReplay> documents)
    {
        var replay = new DocumentReplay();
        documents(replay);
        return services
            .AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(IntegrityOptions.Section).Get<IntegrityOptions>() ?? new IntegrityOptions())
            .AddSingleton(sp => IntegrityKeys.LoadOrCreate(sp.GetRequiredService<IntegrityOptions>().KeyPath(ContentRoot(sp))))
            .AddSingleton(sp => new SealFile(sp.GetRequiredService<IntegrityOptions>().SealPath(ContentRoot(sp))))
            .AddSingleton(replay)
            .ConfigureMarten((sp, options) => options.AddIntegrity(sp.GetRequiredService<IntegrityKeys>()))
            .AddFileStore()
            .AddSingleton<IntegrityChain>()
            .AddSingleton<EventCopy>()
            .AddHostedService<SealingService>();
    }

    /// <summary>Where uploaded documents' bytes go (see <see cref="FileStoreOptions"/>), and verify's check of them.</summary>
    private static IServiceCollection AddFileStore(this IServiceCollection services) => services
        .AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(FileStoreOptions.Section).Get<FileStoreOptions>() ?? new FileStoreOptions())
        .AddSingleton<IFileStore>(sp => sp.GetRequiredService<FileStoreOptions>() is { InDatabase: true }
            ? new DatabaseFileStore(sp.GetRequiredService<IDocumentStore>())
            : new FolderFileStore(sp.GetRequiredService<FileStoreOptions>().FolderPath(sp.GetRequiredService<IntegrityOptions>(), ContentRoot(sp))))
        .ConfigureMarten((sp, options) =>
        {
            if (sp.GetRequiredService<FileStoreOptions>().InDatabase) options.Storage.ExtendedSchemaObjects.Add(StoredFilesTable(options.DatabaseSchemaName));
        })
        .AddSingleton<StoredFileCheck>();

    private static Table StoredFilesTable(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, DatabaseFileStore.TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("sha256", "text").AsPrimaryKey();
        table.AddColumn("content", "bytea").NotNull();
        return table;
    }

    private static string ContentRoot(IServiceProvider services) => services.GetRequiredService<IHostEnvironment>().ContentRootPath;
}
