using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sanzi.Ledger.Integrity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Integrity;

/// <summary>
/// The chain end to end, on the database all tests share. Other tests keep writing while these run,
/// so the clean test verifies only its own streams, and the tamper test, which damages the shared log
/// on purpose, checks that each problem it planted is among those reported.
/// </summary>
public class TamperEvidenceTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);
    private IntegrityChain Chain => fixture.Host.Services.GetRequiredService<IntegrityChain>();

    [Fact]
    public async Task Sealed_streams_verify_clean_and_the_head_is_published()
    {
        var code = Sample.TownshipCode();
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var assetId = (await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(originalValue: 1_234.50m), 201)).GetProperty("itemId").GetGuid();
        await _api.Post($"/api/assets/{assetId}/disposal",
            new { idempotencyKey = Sample.Key(), method = "sale", proceeds = 1000.10m, resolutionReference = "村民代表会议决议〔2026〕8号", reason = "出售" }, 200);
        var lastSeq = await Scalar<long>("select max(seq_id) from ledger.mt_events where stream_id = $1", assetId);

        await Chain.SealAsync();

        foreach (var stream in new[] { reformId, assetId })
        {
            var report = await _api.Get($"/api/verify?stream={stream}");
            report.GetProperty("ok").GetBoolean().ShouldBeTrue(report.GetRawText());
            report.GetProperty("firstProblem").ValueKind.ShouldBe(JsonValueKind.Null);
            report.GetProperty("sealedThrough").GetInt64().ShouldBeGreaterThanOrEqualTo(lastSeq);
        }
        (await _api.Get($"/api/verify?stream={assetId}")).GetProperty("eventsChecked").GetInt64().ShouldBe(2);

        var head = await _api.Get("/api/verify/head");
        head.GetProperty("hash").GetString()!.Length.ShouldBe(64);
        head.GetProperty("toSeq").GetInt64().ShouldBeGreaterThanOrEqualTo(lastSeq);
        head.GetProperty("fromSeq").GetInt64().ShouldBeLessThanOrEqualTo(head.GetProperty("toSeq").GetInt64());
        head.GetProperty("sealedAt").GetString().ShouldEndWith("Z");
    }

    [Fact]
    public async Task Verify_names_an_edited_a_deleted_and_an_inserted_event_and_a_rewritten_hash()
    {
        var code = Sample.TownshipCode();
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var edited = (await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(), 201)).GetProperty("itemId").GetGuid();
        // A sequence number taken and never used is a permanent gap: the place for a forged event below the seal.
        var gap = await Scalar<long>("select nextval('ledger.mt_events_sequence')");
        var other = (await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(), 201)).GetProperty("itemId").GetGuid();
        await Chain.SealAsync();
        (await Chain.VerifyAsync(edited)).Ok.ShouldBeTrue();

        var editedSeq = await Scalar<long>("select seq_id from ledger.mt_events where stream_id = $1 and version = 1", edited);
        var deletedSeq = await Scalar<long>("select max(seq_id) from ledger.mt_events where stream_id = $1", reformId);
        await Execute("update ledger.mt_events set data = jsonb_set(data, '{originalValue}', '1') where seq_id = $1", editedSeq);
        await Execute("delete from ledger.mt_events where seq_id = $1", deletedSeq);
        await Execute("""
            insert into ledger.mt_events
            select (jsonb_populate_record(null::ledger.mt_events,
                    to_jsonb(e) || jsonb_build_object('seq_id', $1::bigint, 'id', gen_random_uuid(), 'version', 99))).*
            from ledger.mt_events e where e.stream_id = $2 and e.version = 1
            """, gap, other);
        // Covering up the deletion by rewriting its hash row breaks the seal over it.
        await Execute($"update ledger.integrity_event_hashes set hash = repeat('f', 64) where seq_id = $1", deletedSeq);

        var report = await _api.Get("/api/verify");

        report.GetProperty("ok").GetBoolean().ShouldBeFalse();
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => (Kind: p.GetProperty("kind").GetString(), Seq: p.GetProperty("seqId").GetInt64(), Stream: p.GetProperty("streamId")))
            .ToList();
        problems.ShouldContain(p => p.Kind == "edited" && p.Seq == editedSeq && p.Stream.GetGuid() == edited);
        problems.ShouldContain(p => p.Kind == "deleted" && p.Seq == deletedSeq && p.Stream.GetGuid() == reformId);
        problems.ShouldContain(p => p.Kind == "inserted" && p.Seq == gap && p.Stream.GetGuid() == other);
        problems.ShouldContain(p => p.Kind == "sealBroken" && p.Seq <= deletedSeq);
        var first = report.GetProperty("firstProblem");
        first.GetProperty("seqId").GetInt64().ShouldBe(problems.Min(p => p.Seq));
        first.GetProperty("kind").GetString().ShouldNotBeNull();

        (await Chain.VerifyAsync(edited)).FirstProblem.ShouldBe(
            new Problem(ProblemKind.Edited, editedSeq, edited, 1, "body or metadata differs from what was sealed"));
    }

    private async Task<T> Scalar<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task Execute(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = fixture.Host.Services.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection();
        await connection.OpenAsync();
        return connection;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return command;
    }
}
