using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Counterparties;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Documents;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Leads;
using Sanzi.Projections.Leads;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Resources;
using Sanzi.Ledger.Units;
using Sanzi.Integrity;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Debts;
using Sanzi.Projections.Handovers;
using Sanzi.Projections.Summary;
using Weasel.Core;
using Wolverine.Marten;

namespace Sanzi.Api.Hosting;

public static class LedgerStore
{
    /// <summary>
    /// Marten on the given server: every module's events and read models, NodaTime in JSON and in Npgsql. With
    /// <paramref name="tenants"/>, a database per county besides the default one (<see cref="LedgerTenants"/>); each
    /// gets the same schema, its own events, hash chain and projections, and the daemon runs in every one.
    /// </summary>
    public static IServiceCollection AddLedgerStore(this IServiceCollection services, string connectionString, LeadThresholds thresholds,
        LedgerTenants? tenants = null, LedgerNodes? nodes = null)
    {
        tenants ??= LedgerTenants.None;
        var balanced = nodes?.Balanced == true;
        var marten = services.AddMarten(opts =>
            {
                if (tenants.IsMultiTenanted) opts.UseTenantDatabases(connectionString, tenants);
                else opts.Connection(new NpgsqlDataSourceBuilder(connectionString).UseNodaTime().Build());
                opts.DatabaseSchemaName = "ledger";
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
                    o => o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb).WithFastIsoTimes());
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.UserNameEnabled = true;
                opts.Events.MetadataConfig.HeadersEnabled = true;
                opts.Listeners.Add(new RecordedAtTimestamps());

                opts.AddUnits();
                opts.AddReforms();
                opts.AddItems();
                opts.AddAssets();
                opts.AddResources();
                opts.AddFunds();
                opts.AddDebts();
                opts.AddInventory();
                opts.AddNotices();
                opts.AddHandovers();
                opts.AddCounterparties();
                opts.AddDocuments();
                opts.AddLeadNotes();
                opts.AddCatalog();
                opts.AddSummaryTotals();
                opts.AddDebtRegister();
                opts.AddTransferStaging();
                opts.Schema.For<CommandReceipt>();
                opts.AddInspection(thresholds);
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // Wolverine's own tables (inbox, outbox, nodes) stay in the default database whatever the tenancy.
            .IntegrateWithWolverine(w =>
            {
                if (tenants.IsMultiTenanted) w.MainDatabaseConnectionString = connectionString;
                // Several nodes: Wolverine runs the daemon, each projection of each database on one node; it refuses a
                // Marten-side daemon beside it (two coordinators would stall the projections).
                w.UseWolverineManagedEventSubscriptionDistribution = balanced;
            });
        if (!balanced) marten.AddAsyncDaemon(DaemonMode.Solo);
        // The unit books commands keep between requests belong to this store's databases (see UnitBooks).
        // The figures' backfill writes through BulkDocuments, so every host of the store (tests' own included) has both.
        return services.AddSingleton(thresholds).AddSingleton(tenants).AddSingleton<Commands.UnitBooks>()
            .AddSingleton<Sanzi.Projections.Imports.BulkDocuments>()
            .AddHostedService<Sanzi.Projections.Reconciliation.FiguresBackfill>()
            .AddIntegrity(documents => documents.Add<UnitBook>().Add<Item>().Add<Reform>().Add<StoredDocument>());
    }

    private static void UseTenantDatabases(this StoreOptions opts, string connectionString, LedgerTenants tenants)
    {
        opts.ConfigureNpgsqlDataSourceBuilder(b => b.UseNodaTime());
        opts.MultiTenantedDatabases(databases =>
        {
            // The first database added is Marten's default.
            databases.AddSingleTenantDatabase(connectionString, "default");
            foreach (var (tenant, database) in tenants.Databases) databases.AddSingleTenantDatabase(database, tenant);
        });
        // Requests without a tenant claim, the sealer and the importer keep using the default database.
        opts.Advanced.DefaultTenantUsageEnabled = true;
    }
}
