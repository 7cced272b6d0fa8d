using Marten;
using Npgsql;
using Sanzi.Integrity;

namespace Sanzi.Bench.Verify;

/// <summary>
/// Raw PostgreSQL sending the rows verify reads, the fastest way found: a binary COPY of every event's hashed columns and
/// of every hash row, split by stream into as many parts as verify splits them (one server process per part), each
/// read to its last byte and nothing more done with it.
/// </summary>
public static class Baseline
{
    public static async Task ReadEventsAndHashesAsync(IDocumentStore store)
    {
        var parts = Math.Clamp(Environment.ProcessorCount, 2, 4);
        await Task.WhenAll(Enumerable.Range(0, parts).SelectMany(part => new[]
        {
            CopyAsync(store, $"select {EventRow.Columns} from ledger.mt_events e where {Part("e.stream_id", part, parts)} order by e.seq_id"),
            CopyAsync(store, $"select seq_id, stream_id, version, hash, prev_hash, mac from ledger.{Tables.HashesTable} where {Part("stream_id", part, parts)} order by seq_id"),
        }));
    }

    public static Task ReadDocumentsAsync(IDocumentStore store) =>
        CopyAsync(store, "select id, data::text, mt_version from ledger.mt_doc_item order by id");

    private static string Part(string streamId, int part, int parts) => $"get_byte(uuid_send({streamId}), 15) % {parts} = {part}";

    private static async Task CopyAsync(IDocumentStore store, string query)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        // The plan verify's parts are told to take (see Share.JoinAsync): in sequence order by the primary key.
        await using (var plan = new NpgsqlCommand(
                         "set enable_seqscan = off; set enable_bitmapscan = off; set max_parallel_workers_per_gather = 0; set jit = off", connection))
            await plan.ExecuteNonQueryAsync();
        await using var copy = await connection.BeginRawBinaryCopyAsync($"copy ({query}) to stdout (format binary)");
        var buffer = new byte[1 << 16];
        while (await copy.ReadAsync(buffer.AsMemory(), CancellationToken.None) > 0)
        {
        }
    }
}
