using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sanzi.Tests.Support;

namespace Sanzi.Tests.Handovers;

/// <summary>
/// A ledger upgraded in place from a version whose handover counted the catalog rows' totals out and in again: its database
/// has no function moving them in one call until the migration at startup adds it, and then a handover keeps the same sums.
/// </summary>
public class HandoverUpgradeTests
{
    [Fact]
    public async Task A_ledger_from_before_the_moved_totals_hands_over_with_the_same_summary_after_its_startup_migration()
    {
        var ct = TestContext.Current.CancellationToken;
        var (host, _) = await SeparateLedger.StartAsync("handover_upgrade");
        await using var _ = host;
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"drop function {store.Options.DatabaseSchemaName}.summary_shares_moved(uuid[], jsonb[])", connection);
            await drop.ExecuteNonQueryAsync(ct);
        }
        // What the host runs at startup.
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var unit = await HandedOverUnit.SignAsync(new LedgerApi(host), 3, "档案柜");
        await unit.SummariesAsFoldedAsync(store);
    }
}
