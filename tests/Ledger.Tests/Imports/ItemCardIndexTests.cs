using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Imports;

/// <summary>Item cards carry one index besides their key (an import writes one entry fewer per item), and it serves every read of a unit's cards.</summary>
public class ItemCardIndexTests(LedgerFixture fixture)
{
    [Fact]
    public async Task A_units_cards_are_read_in_code_order_through_one_index_without_a_sort()
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var indexes = await session.QueryAsync<string>(
            "select indexdef from pg_indexes where schemaname = 'ledger' and tablename = 'mt_doc_item' and indexdef not like '%(id)'");
        indexes.ShouldHaveSingleItem().ShouldContain("unitCode");

        // The handover's read of a unit's cards (BulkTransfers) and the unit's list (ItemsOfUnitAsync): with scans and sorts
        // priced out the plan is what the index allows, so a sort or a scan here means the index no longer answers the query.
        var plan = new List<string>();
        await using (var reader = await session.ExecuteReaderAsync(new NpgsqlCommand("""
                         set enable_seqscan = off; set enable_sort = off; set enable_bitmapscan = off;
                         explain select id from ledger.mt_doc_item where data ->> 'unitCode' = '360702101' order by data ->> 'itemCode';
                         reset enable_seqscan; reset enable_sort; reset enable_bitmapscan
                         """)))
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        plan.ShouldContain(line => line.Contains("Index Scan using"));
        plan.ShouldNotContain(line => line.Contains("Sort") || line.Contains("Seq Scan"));
    }
}
