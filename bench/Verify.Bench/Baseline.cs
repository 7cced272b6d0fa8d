using Marten;
using Npgsql;
using Sanzi.Integrity;

namespace Sanzi.Bench.Verify;

/// <summary>Raw PostgreSQL reading the rows verify reads, the same way (two connections at once), touching every value.</summary>
public static class Baseline
{
    public static async Task ReadEventsAndHashesAsync(IDocumentStore store)
    {
        await Task.WhenAll(
            ReadAsync(store, $"select {EventRow.Columns} from ledger.mt_events e order by e.seq_id"),
            ReadAsync(store, $"select seq_id, stream_id, version, hash, prev_hash, mac from ledger.{Tables.HashesTable} order by seq_id"));
    }

    public static Task ReadDocumentsAsync(IDocumentStore store) =>
        ReadAsync(store, "select id, data::text, mt_version from ledger.mt_doc_item order by id");

    private static async Task ReadAsync(IDocumentStore store, string sql)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync()) reader.GetValues(values);
    }
}
