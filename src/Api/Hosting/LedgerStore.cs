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
using Sanzi.Projections.Summary;
using Weasel.Core;
using Wolverine.Marten;

namespace Sanzi.Api.Hosting;

public static class LedgerStore
{
    /// <summary>Marten on the given server: every module's events and read models, NodaTime in JSON and in Npgsql.</summary>
    public static IServiceCollection AddLedgerStore(this IServiceCollection services, string connectionString, LeadThresholds thresholds)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).UseNodaTime().Build();
        services.AddMarten(opts =>
            {
                opts.Connection(dataSource);
                opts.DatabaseSchemaName = "ledger";
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
                    o => o.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.UserNameEnabled = true;
                opts.Events.MetadataConfig.HeadersEnabled = true;

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
                opts.AddLeadNotes();
                opts.AddCatalog();
                opts.AddSummaryTotals();
                opts.AddDebtRegister();
                opts.Schema.For<CommandReceipt>();
                opts.AddInspection(thresholds);
            })
            .AddAsyncDaemon(DaemonMode.Solo)
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine();
        return services.AddSingleton(thresholds)
            .AddIntegrity(documents => documents.Add<UnitBook>().Add<Item>().Add<Reform>());
    }
}
