using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Handovers;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Handovers;

/// <summary>
/// The third signature's folded cards and rows are staged and committed by a second connection before the signature's own
/// transaction reads them (<see cref="TransferStaging"/>). A transaction that fails after that must move nothing, and the staged
/// rows must not outlive it. On a ledger of its own: the test breaks the catalog rows' UPDATE.
/// </summary>
public sealed class TransferStagingTests
{
    private const int Items = 4;

    [Fact]
    public async Task A_signature_failing_after_its_rows_were_staged_moves_nothing_and_leaves_nothing_staged()
    {
        var (host, _) = await SeparateLedger.StartAsync("transfer_staging");
        await using var _ = host;
        var (api, store, ct) = (new LedgerApi(host), host.Services.GetRequiredService<IDocumentStore>(), TestContext.Current.CancellationToken);
        var staging = TransferStaging.Table(store.Options.DatabaseSchemaName);
        var unit = await HandedOverUnit.DraftAsync(api, Items, "保险柜");
        // A batch a process that died left two days ago, swept by the next signature that commits.
        await Sql($"insert into {staging} (batch, id, version, card, staged_at) values (gen_random_uuid(), gen_random_uuid(), 1, '{{}}', now() - interval '2 days')");
        // The rows' UPDATE, the last write of the signature, fails: the events, hashes and cards written before it must go with it.
        await Sql($"""
            create function {store.Options.DatabaseSchemaName}.sanzi_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'no space left'; end $$;
            create trigger sanzi_test_refuse before update on {store.Options.DatabaseSchemaName}.mt_doc_catalogrow for each row
              when (current_setting('sanzi.summary_totals_in_bulk', true) = 'on') execute function {store.Options.DatabaseSchemaName}.sanzi_test_refuse()
            """);

        await unit.Books.Sign("handingOver", Books.HandingOver);
        await unit.Books.Sign("receiving", Books.Receiving);
        await unit.Books.Sign("supervising", Books.Supervisor, 500);

        (await api.Get($"/api/units/{unit.Successor}/catalog")).GetProperty("items").GetArrayLength().ShouldBe(0);
        await using (var session = store.QuerySession())
            foreach (var id in unit.Items)
            {
                (await session.LoadAsync<Item>(id, ct))!.UnitCode.ShouldBe(unit.Books.Code);
                (await session.Events.FetchStreamAsync(id, token: ct)).ShouldNotContain(e => e.Data is Sanzi.Ledger.Handovers.ItemTransferred);
            }
        // The failed signature's batch is deleted when its session ends, which may be just after the answer.
        for (var i = 0; i < 50 && await Count($"select count(*) from {staging}") > 1; i++) await Task.Delay(100, ct);
        (await Count($"select count(*) from {staging} where staged_at > now() - interval '1 day'")).ShouldBe(0, "the failed signature's staged rows");

        await Sql($"drop trigger sanzi_test_refuse on {store.Options.DatabaseSchemaName}.mt_doc_catalogrow");
        (await unit.Books.Sign("supervising", Books.Supervisor)).GetProperty("itemsTransferred").GetInt32().ShouldBe(Items);
        (await api.Get($"/api/units/{unit.Successor}/catalog")).GetProperty("items").GetArrayLength().ShouldBe(Items);
        (await Count($"select count(*) from {staging}")).ShouldBe(0, "the signature clears its own batch and any left over a day ago");
        await unit.SummariesAsFoldedAsync(store);
        var (summary, problems) = await api.Verify();
        problems.ShouldBeEmpty();
        summary.GetProperty("ok").GetBoolean().ShouldBeTrue();

        async Task Sql(string sql)
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        async Task<long> Count(string sql)
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }
    }
}
