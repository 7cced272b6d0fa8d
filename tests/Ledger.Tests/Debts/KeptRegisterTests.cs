using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Debts;
using Sanzi.Projections.Reports;
using Sanzi.Tests.Reports;
using Sanzi.Tests.Support;
using Npgsql;
using Shouldly;
using Weasel.Core;
using Weasel.Core.Migrations;

namespace Sanzi.Tests.Debts;

/// <summary>
/// The debt register of now answers from its kept printed lines (<see cref="DebtRegisterTable"/>): what it sends is the
/// serializer's bytes of the register built from the line documents, also for a claim collected after the lock and again
/// after the handover (handed over in the old village's register, in use in the new one's), after the line documents are
/// rebuilt, and for a ledger written before the lines were kept (until its line documents are rebuilt).
/// </summary>
public class KeptRegisterTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task A_line_moved_after_the_lock_and_after_the_handover_is_in_both_registers_as_the_documents_say()
    {
        var m = await KeptRegister.Merger(_api);

        await KeptRegister.ShouldBeBuilt(fixture, _api, m);
        var east = await Line(m.East.Code, m.EastClaim);
        var merged = await Line(m.Merged.Code, m.EastClaim);
        (east.GetProperty("status").GetString(), merged.GetProperty("status").GetString()).ShouldBe(("handedOver", "inUse"));
        foreach (var line in new[] { east, merged })
        {
            // Under the old village's lock (5,000 after the collection before it), two collections since, 3,500 left.
            line.GetProperty("lockedBalance").GetDecimal().ShouldBe(5_000m);
            line.GetProperty("movementsSinceLock").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal()).ShouldBe([-1_000m, -500m]);
            line.GetProperty("currentBalance").GetDecimal().ShouldBe(3_500m);
            line.GetProperty("changedAfterLock").GetBoolean().ShouldBeTrue();
        }

        // Kept before the answers wrote Chinese as it is: the lines are answered as a new ledger answers them.
        (await PrintedAsBefore(m.EastClaim)).ShouldBe(2);
        await KeptRegister.ShouldBeBuilt(fixture, _api, m);
    }

    /// <summary>Rewrites a debt's kept lines as they were printed before (Chinese as <c>\uXXXX</c>); how many were.</summary>
    private async Task<int> PrintedAsBefore(Guid id)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = fixture.Host.Services.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var kept = new List<(string Unit, string Json)>();
        await using (var read = new NpgsqlCommand($"select unit_code, json from ledger.{DebtRegisterTable.LinesTable} where item_id = $1", connection)
                     { Parameters = { new() { Value = id } } })
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) kept.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (unit, json) in kept)
        {
            var before = JsonNode.Parse(json)!.ToJsonString(LedgerJson.Options);
            before.ShouldContain("\\u", customMessage: unit);
            await using var write = new NpgsqlCommand($"update ledger.{DebtRegisterTable.LinesTable} set json = $1 where item_id = $2 and unit_code = $3", connection)
            {
                Parameters = { new() { Value = before }, new() { Value = id }, new() { Value = unit } },
            };
            (await write.ExecuteNonQueryAsync(ct)).ShouldBe(1);
        }
        return kept.Count;
    }

    private async Task<JsonElement> Line(string code, Guid id) =>
        (await _api.Get($"/api/units/{code}/debts")).GetProperty("counterparties").EnumerateArray()
        .SelectMany(c => c.GetProperty("lines").EnumerateArray()).Single(l => l.GetProperty("itemId").GetGuid() == id);
}

/// <summary>What rebuilding and upgrading do to the kept register: alone, as they rewrite every line document.</summary>
[Collection(nameof(Rebuild))]
public class KeptRegisterRebuildTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task The_kept_register_comes_back_after_a_rebuild_and_is_filled_when_an_older_ledger_is_upgraded()
    {
        var m = await KeptRegister.Merger(_api);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var ct = TestContext.Current.CancellationToken;
        var before = await KeptRegister.ShouldBeBuilt(fixture, _api, m);
        Guid[] ids = [m.EastClaim, m.EastLoan, m.WestPayable];
        // Each in its old village's register (handed over) and in the new one's.
        (await Kept(store, ids, "true")).ShouldBe(6);

        // A ledger written before: line documents without prints or order. Their kept lines have no JSON; the register is built.
        await using (var session = store.LightweightSession())
        {
            session.QueueSqlCommand("update ledger.mt_doc_debtline set data = data - 'printed' - 'registerOrder' where id = any(?)", ids);
            await session.SaveChangesAsync(ct);
        }
        (await Kept(store, ids, "json is null")).ShouldBe(6);
        await KeptRegister.ShouldBeBuilt(fixture, _api, m, copied: false);

        // Upgraded: the table is created and filled from the documents as they are.
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using (var drop = new NpgsqlCommand($"drop table ledger.{DebtRegisterTable.LinesTable}", connection)) await drop.ExecuteNonQueryAsync(ct);
            var options = (StoreOptions)store.Options;
            var migration = await SchemaMigration.DetermineAsync(connection, ct, new DebtRegisterTable("ledger", options.Advanced.Migrator).Objects);
            // Only the table: the function and the triggers found as they were (else a restart would drop the triggers).
            migration.Deltas.Where(d => d.Difference != SchemaPatchDifference.None).Select(d => d.SchemaObject.Identifier.Name).ShouldBe([DebtRegisterTable.LinesTable]);
            await options.Advanced.Migrator.ApplyAllAsync(connection, migration, JasperFx.AutoCreate.CreateOrUpdate, ct: ct);
        }
        (await Kept(store, ids, "json is null")).ShouldBe(6);
        await KeptRegister.ShouldBeBuilt(fixture, _api, m, copied: false);

        // The line documents rebuilt: every line printed again, from the TRUNCATE's empty table.
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync("DebtLine", TimeSpan.FromMinutes(2), ct);
        (await Kept(store, ids, "json is null")).ShouldBe(0);
        (await Kept(store, ids, "true")).ShouldBe(6);
        foreach (var (code, body) in await KeptRegister.ShouldBeBuilt(fixture, _api, m)) body.ShouldBe(before[code], code);
    }

    /// <summary>How many kept lines of the given debts are such that <paramref name="condition"/>.</summary>
    private static async Task<long> Kept(IDocumentStore store, Guid[] ids, string condition)
    {
        await using var session = store.QuerySession();
        return (await session.QueryAsync<long>($"select count(*) from ledger.{DebtRegisterTable.LinesTable} where item_id = any(?) and {condition}",
            TestContext.Current.CancellationToken, ids)).Single();
    }
}

internal static class KeptRegister
{
    /// <summary>The village merger, the east's claim collected once after the lock and once after the handover, by the new village.</summary>
    public static async Task<VillageMerger> Merger(LedgerApi api)
    {
        var m = await VillageMerger.Run(api, m => Collect(api, m, 1_000m, m.East.On!.Value));
        await Collect(api, m, 500m, null);
        return m;
    }

    private static Task<JsonElement> Collect(LedgerApi api, VillageMerger m, decimal amount, NodaTime.LocalDate? on) =>
        api.Post($"/api/debts/{m.EastClaim}/reductions", new
        {
            idempotencyKey = Sample.Key(), amount, how = "collection", document = $"收-{amount}", businessDate = on is { } day ? Sample.Iso(day) : null,
        }, 200);

    /// <summary>
    /// Each unit's register over HTTP, asserted to be the serializer's bytes of the register built from the line documents; when
    /// not <paramref name="copied"/> from kept lines, the same JSON.
    /// </summary>
    public static async Task<Dictionary<string, byte[]>> ShouldBeBuilt(LedgerFixture fixture, LedgerApi api, VillageMerger m, bool copied = true)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var bodies = new Dictionary<string, byte[]>();
        foreach (var code in new[] { m.East.Code, m.West.Code, m.Merged.Code })
        {
            var built = await DebtRegisterReport.LoadAsync(session, code, ReportTime.Now, null, TestContext.Current.CancellationToken);
            built.Counterparties.ShouldNotBeEmpty(code);
            bodies[code] = (await api.Download($"/api/units/{code}/debts")).Body;
            var expected = JsonSerializer.SerializeToUtf8Bytes(built, LedgerJson.Answers);
            if (copied) bodies[code].ShouldBe(expected, code);
            else JsonNode.DeepEquals(JsonNode.Parse(bodies[code]), JsonNode.Parse(expected)).ShouldBeTrue(code);
        }
        return bodies;
    }
}
