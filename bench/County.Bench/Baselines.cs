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
using Sanzi.Projections.Imports;

namespace Sanzi.Bench.County;

/// <summary>
/// What the import is measured against, in the same process on the same database: the big unit's rows decided
/// into events, then written by raw binary COPY into a plain table of event-sized rows, by Marten's bulk
/// append alone (no read models), and the floor of what the import writes: the same rows serialized and COPYed into
/// copies of the very tables it fills, with their indexes (stream, event, hash row, item card, catalog row, debt line),
/// one COPY per table, nothing read back, no totals.
/// </summary>
public static class Baselines
{
    /// <param name="FloorByTable">Where the floor's time goes: seconds per table, serializing included.</param>
    public sealed record Result(double CopyRowsPerSecond, double MartenBulkPerSecond, double FloorItemsPerSecond, IReadOnlyDictionary<string, double> FloorByTable,
        RawCopy Jsonb, RawCopy Text);

    /// <summary>
    /// The raw COPY taken apart: the same rows serialized beforehand, COPYed into a jsonb or a text column (a text column
    /// is not parsed), with the server's own CPU time for it read from its backend's <c>/proc</c> entry, which the load on
    /// the machine does not inflate the way it inflates the wall clock.
    /// </summary>
    public sealed record RawCopy(double RowsPerSecond, double RowsPerServerCpuSecond);

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
        var json = events.Select(e => serializer.ToJson(e)).ToList();
        var (asJsonb, asText) = (await RawCopyAsync(connection, "jsonb", json), await RawCopyAsync(connection, "text", json));
        var (floorRate, floorByTable) = await FloorAsync(store, connection, events, stamp);
        using var marten = MartenAlone(store, connection);
        await marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var registry = (IEventRegistry)marten.Options.Events;
        var streams = events.Select(e => StreamAction.Start(registry, Guid.CreateVersion7(), e)).ToList();
        watch.Restart();
        await marten.BulkInsertEventsAsync(streams, streams.Count);
        return new Result(copyRate, events.Count / watch.Elapsed.TotalSeconds, floorRate, floorByTable, asJsonb, asText);
    }

    /// <summary>
    /// Marten with the ledger's serializer and event metadata in a schema of its own: an append into the ledger's log would
    /// bypass its hash chain, and the bench's own verify would rightly name those events as written outside the ledger.
    /// </summary>
    private static DocumentStore MartenAlone(IDocumentStore ledger, string connection) => DocumentStore.For(opts =>
    {
        opts.Connection(new NpgsqlDataSourceBuilder(connection).UseNodaTime().Build());
        opts.DatabaseSchemaName = "bench_marten";
        opts.Serializer(ledger.Options.Serializer());
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
    });

    /// <summary>Serialized events COPYed into a fresh table whose body column has the given type; wall and server CPU rates.</summary>
    private static async Task<RawCopy> RawCopyAsync(string connection, string bodyType, IReadOnlyList<string> json)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        var table = $"bench_raw_{bodyType}";
        await using (var create = new NpgsqlCommand($"""
            drop table if exists {table};
            create table {table} (seq_id bigserial primary key, id uuid not null unique, stream_id uuid not null, version bigint not null,
              data {bodyType} not null, unique (stream_id, version))
            """, conn)) await create.ExecuteNonQueryAsync();
        var clock = new CpuClock(conn.ProcessID);
        var before = clock.Backend();
        var watch = Stopwatch.StartNew();
        await using (var copy = await conn.BeginBinaryImportAsync($"copy {table} (id, stream_id, version, data) from stdin (format binary)"))
        {
            foreach (var body in json)
            {
                await copy.StartRowAsync();
                copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                copy.Write(1L, NpgsqlDbType.Bigint);
                copy.Write(body, bodyType == "jsonb" ? NpgsqlDbType.Jsonb : NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        var wall = watch.Elapsed.TotalSeconds;
        var cpu = clock.Backend() - before;
        return new RawCopy(json.Count / wall, cpu > 0 ? json.Count / cpu : double.NaN);
    }

    /// <summary>Items per second written as the import's rows into copies of its tables (indexes and defaults included).</summary>
    private static async Task<(double, IReadOnlyDictionary<string, double>)> FloorAsync(IDocumentStore store, string connection, IReadOnlyList<ILedgerEvent> events, Stamp stamp)
    {
        var serializer = store.Options.Serializer();
        var models = events.Select(e => BulkImportWriter.ReadModels(e).ToList()).ToList();
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        string[] tables = ["mt_streams", "mt_events", "integrity_event_hashes", "mt_doc_item", "mt_doc_catalogrow", "mt_doc_debtline"];
        await using (var create = new NpgsqlCommand("create schema if not exists bench_floor;" + string.Concat(tables.Select(t =>
                         $"drop table if exists bench_floor.{t}; create table bench_floor.{t} (like ledger.{t} including all);")), conn))
            await create.ExecuteNonQueryAsync();

        var watch = Stopwatch.StartNew();
        var byTable = new Dictionary<string, double>();
        var ids = events.Select(_ => Guid.CreateVersion7()).ToList();
        await Copy("mt_streams (id, type, version, tenant_id, is_archived)", (copy, i) =>
        {
            copy.Write(ids[i], NpgsqlDbType.Uuid);
            copy.Write("item", NpgsqlDbType.Varchar);
            copy.Write(1L, NpgsqlDbType.Bigint);
            copy.Write("*DEFAULT*", NpgsqlDbType.Varchar);
            copy.Write(false, NpgsqlDbType.Boolean);
        });
        await Copy("mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived, user_name)", (copy, i) =>
        {
            copy.Write(i + 1L, NpgsqlDbType.Bigint);
            copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            copy.Write(ids[i], NpgsqlDbType.Uuid);
            copy.Write(1L, NpgsqlDbType.Bigint);
            copy.Write(serializer.ToJson(events[i]), NpgsqlDbType.Jsonb);
            copy.Write(events[i].GetType().Name, NpgsqlDbType.Varchar);
            copy.Write(stamp.RecordedAt.ToDateTimeOffset(), NpgsqlDbType.TimestampTz);
            copy.Write("*DEFAULT*", NpgsqlDbType.Varchar);
            copy.Write(events[i].GetType().FullName!, NpgsqlDbType.Varchar);
            copy.Write(false, NpgsqlDbType.Boolean);
            copy.Write(stamp.Actor, NpgsqlDbType.Varchar);
        });
        var hash = System.Security.Cryptography.SHA256.HashData("floor"u8);
        await Copy("integrity_event_hashes (seq_id, stream_id, version, hash, prev_hash, mac)", (copy, i) =>
        {
            copy.Write(i + 1L, NpgsqlDbType.Bigint);
            copy.Write(ids[i], NpgsqlDbType.Uuid);
            copy.Write(1L, NpgsqlDbType.Bigint);
            foreach (var bytes in new[] { hash, Sanzi.Integrity.HashChain.Genesis, hash }) copy.Write(bytes, NpgsqlDbType.Bytea);
        });
        foreach (var (table, idOf) in new (string, Func<object, Guid?>)[]
                 {
                     ("mt_doc_item", d => (d as Sanzi.Ledger.Items.Item)?.Id), ("mt_doc_catalogrow", d => (d as Sanzi.Projections.Catalog.CatalogRow)?.Id),
                     ("mt_doc_debtline", d => (d as Sanzi.Projections.Debts.DebtLine)?.Id),
                 })
        {
            var documents = models.SelectMany(m => m.Where(d => idOf(d) is not null)).ToList();
            await CopyRows($"{table} (id, data, mt_dotnet_type)", documents.Count, (copy, i) =>
            {
                copy.Write(idOf(documents[i])!.Value, NpgsqlDbType.Uuid);
                copy.Write(serializer.ToJson(documents[i]), NpgsqlDbType.Jsonb);
                copy.Write(documents[i].GetType().FullName!, NpgsqlDbType.Varchar);
            });
        }

        return (events.Count / watch.Elapsed.TotalSeconds, byTable);

        Task Copy(string into, Action<NpgsqlBinaryImporter, int> row) => CopyRows(into, events.Count, row);

        async Task CopyRows(string into, int count, Action<NpgsqlBinaryImporter, int> row)
        {
            var started = watch.Elapsed;
            await using (var copy = await conn.BeginBinaryImportAsync($"copy bench_floor.{into} from stdin (format binary)"))
            {
                for (var i = 0; i < count; i++)
                {
                    await copy.StartRowAsync();
                    row(copy, i);
                }

                await copy.CompleteAsync();
            }

            byTable[into[..into.IndexOf(' ')]] = (watch.Elapsed - started).TotalSeconds;
        }
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
