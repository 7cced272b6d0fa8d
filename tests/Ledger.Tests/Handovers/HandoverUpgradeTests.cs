using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sanzi.Projections.Handovers;
using Sanzi.Tests.Support;

namespace Sanzi.Tests.Handovers;

/// <summary>
/// A ledger upgraded in place from a version whose handover moved the totals with a SQL function (<c>summary_shares_moved</c>)
/// and had no staging table (<see cref="TransferStaging"/>): its database keeps that function after the migration at startup,
/// which creates the table, and a handover now keeps the same sums without calling the function.
/// </summary>
public class HandoverUpgradeTests
{
    [Fact]
    public async Task A_ledger_from_before_the_totals_moved_in_csharp_hands_over_with_the_same_summary_after_its_startup_migration()
    {
        var ct = TestContext.Current.CancellationToken;
        var (host, _) = await SeparateLedger.StartAsync("handover_upgrade");
        await using var _ = host;
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            // The old function's signature, standing in for its body: a handover that still called it would fail.
            await using var old = new NpgsqlCommand($"""
                create function {store.Options.DatabaseSchemaName}.summary_shares_moved(p_ids uuid[], p_shares jsonb[]) returns void
                  language plpgsql as $$ begin raise exception 'the totals are moved in C# now'; end $$
                """, connection);
            await old.ExecuteNonQueryAsync(ct);
            // Nor had it the table the signature stages its folded rows in.
            await using var staging = new NpgsqlCommand($"drop table {TransferStaging.Table(store.Options.DatabaseSchemaName)}", connection);
            await staging.ExecuteNonQueryAsync(ct);
        }
        // What the host runs at startup.
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var unit = await HandedOverUnit.SignAsync(new LedgerApi(host), 3, "档案柜");
        await unit.SummariesAsFoldedAsync(store);
    }
}
