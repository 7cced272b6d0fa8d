using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Imports;
using Sanzi.Projections.Reconciliation;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Reports;

/// <summary>
/// A ledger upgraded from a version that kept fewer sums: the finance bureau's reconciliation of a merger handed over before
/// the upgrade reads the same after it, and a changed totals function does not take its triggers with it.
/// </summary>
public class KeptTotalsUpgradeTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task A_merger_handed_over_before_the_reconciliation_sums_were_kept_reconciles_the_same_after_the_upgrade()
    {
        var ct = TestContext.Current.CancellationToken;
        var m = await VillageMerger.Run(_api);
        var path = $"/api/reforms/{m.ReformId}/reconciliation";
        var before = (await _api.Get(path)).GetRawText();

        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var schema = store.Options.DatabaseSchemaName;
        var rows = store.Options.FindOrResolveDocumentType(typeof(CatalogRow)).TableName.QualifiedName;
        string[] units = [m.East.Code, m.West.Code, m.Merged.Code];
        // As the version before stored them: shares without figures, so the kept sums lose them; then the list the upgrade makes.
        await ExecuteAsync(store, $"""
            update {rows} set data = jsonb_set(data, array['shares'], (select jsonb_agg(e - 'handed' - 'received') from jsonb_array_elements(data -> 'shares') e))
            where data -> 'units' ?| @units;
            insert into {schema}.{ReconciliationTotals.UnfiguredTable} (id) select id from {rows} where data -> 'units' ?| @units
            """, units, ct);
        var stale = await _api.Get(path);
        stale.GetProperty("oldUnits").GetArrayLength().ShouldBe(0, "without the backfill an upgraded ledger reconciles nothing");

        await new FiguresBackfill(store, fixture.Host.Services.GetRequiredService<BulkDocuments>(), NullLogger<FiguresBackfill>.Instance).StartAsync(ct);

        (await _api.Get(path)).GetRawText().ShouldBe(before);
        await using var session = store.QuerySession();
        (await session.QueryAsync<int>($"select count(*)::int from {schema}.{ReconciliationTotals.UnfiguredTable}", ct)).Single().ShouldBe(0);
    }

    [Fact]
    public async Task A_totals_function_changed_by_an_upgrade_keeps_the_triggers_that_call_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var (host, _) = await SeparateLedger.StartAsync("function_upgrade");
        await using var _ = host;
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var schema = store.Options.DatabaseSchemaName;
        // What an older version's body looks like to the migration: different text, same signature.
        await ExecuteAsync(store, $"""
            create or replace function {schema}.summary_shares_kept() returns trigger language plpgsql as $$ begin return null; end $$
            """, [], ct);

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        await using var session = store.QuerySession();
        var triggers = await session.QueryAsync<string>(
            "select tgname::text from pg_trigger where not tgisinternal and tgname::text like 'summary_shares_%' order by 1", ct);
        triggers.ShouldBe(["summary_shares_emptied", "summary_shares_kept"]);
        (await session.QueryAsync<string>($"select prosrc from pg_proc where proname = 'summary_shares_kept'", ct)).Single()
            .ShouldContain("TRUNCATE", Case.Sensitive, "the migration put the ledger's own body back");
    }

    private static async Task ExecuteAsync(IDocumentStore store, string sql, string[] units, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("units", units);
        await command.ExecuteNonQueryAsync(ct);
    }
}
