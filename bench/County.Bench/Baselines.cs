using System.Diagnostics;
using JasperFx.Events;
using Marten;
using MiniExcelLibs;
using Npgsql;
using NpgsqlTypes;
using Sanzi.Api.Imports;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Imports;
using Sanzi.Ledger.Units;

namespace Sanzi.Bench.County;

/// <summary>
/// What the import is measured against, in the same process on the same database: the big unit's rows decided
/// into events, then written by raw binary COPY into a plain table of event-sized rows, and by Marten's bulk
/// append alone (no read models).
/// </summary>
public static class Baselines
{
    public sealed record Result(double CopyRowsPerSecond, double MartenBulkPerSecond);

    public static async Task<Result> RunAsync(IDocumentStore store, string connection, CountyUnit unit, Stamp stamp)
    {
        var book = UnitBook.Create(new UnitRegistered("360702100", "基准", UnitLevel.Township, stamp));
        var events = unit.Registers.SelectMany(r =>
        {
            var plan = ImportPlan.Build(r.Table, book, ImportFile.Read(r.Csv).Rows, stamp);
            return plan.Rows.Select(row => r.Table.Decide(row.Command, book, Guid.CreateVersion7(), stamp));
        }).ToList();

        var serializer = store.Options.Serializer();
        var watch = Stopwatch.StartNew();
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using (var create = new NpgsqlCommand("""
                create table if not exists bench_raw_events (seq_id bigserial primary key, id uuid not null, stream_id uuid not null,
                  version bigint not null, data jsonb not null, type varchar not null, timestamp timestamptz not null, user_name varchar)
                """, conn)) await create.ExecuteNonQueryAsync();
            watch.Restart();
            await using var copy = await conn.BeginBinaryImportAsync(
                "copy bench_raw_events (id, stream_id, version, data, type, timestamp, user_name) from stdin (format binary)");
            foreach (var e in events)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(serializer.ToJson(e), NpgsqlDbType.Jsonb);
                await copy.WriteAsync(e.GetType().Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(stamp.Actor, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        var copyRate = events.Count / watch.Elapsed.TotalSeconds;
        var registry = (IEventRegistry)store.Options.Events;
        var streams = events.Select(e => StreamAction.Start(registry, Guid.CreateVersion7(), e)).ToList();
        watch.Restart();
        await store.BulkInsertEventsAsync(streams, streams.Count);
        return new Result(copyRate, events.Count / watch.Elapsed.TotalSeconds);
    }

    /// <summary>A register as the .xlsx a county would send: the same header row and cells as the CSV.</summary>
    public static byte[] ToXlsx(byte[] csv)
    {
        var file = ImportFile.Read(csv);
        var rows = file.Rows.Select(r => (IDictionary<string, object?>)file.Headers.ToDictionary(h => h, object? (h) => r[h])).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }
}
