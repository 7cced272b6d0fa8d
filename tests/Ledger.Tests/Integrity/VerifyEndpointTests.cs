using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Integrity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Integrity;

/// <summary>The verify endpoints of the running ledger, whose log every other test writes to through commands.</summary>
public class VerifyEndpointTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task Commands_events_are_hashed_by_their_writer_and_verify_streams_a_clean_report()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        var assetId = (await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(originalValue: 1_234.50m), 201)).GetProperty("itemId").GetGuid();

        // In the same transaction as the event, before any seal.
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.QuerySession())
        {
            var hashed = await session.QueryAsync<long>("select count(*) from ledger.integrity_event_hashes where stream_id = ?", assetId);
            hashed.Single().ShouldBe(1);
        }
        await fixture.Host.Services.GetRequiredService<IntegrityChain>().SealAsync();

        var (body, contentType) = await _api.Download("/api/verify");

        contentType.ShouldStartWith("application/x-ndjson");
        var lines = System.Text.Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.ShouldContain(l => l.GetProperty("type").GetString() == "progress");
        lines.Where(l => l.GetProperty("type").GetString() == "problem").ShouldBeEmpty();
        var summary = lines[^1];
        summary.GetProperty("type").GetString().ShouldBe("summary");
        summary.GetProperty("ok").GetBoolean().ShouldBeTrue();
        summary.GetProperty("documentsChecked").GetInt64().ShouldBeGreaterThan(0);

        var head = await _api.Get("/api/verify/head");
        head.GetProperty("hash").GetString()!.Length.ShouldBe(64);
        head.GetProperty("signature").GetString().ShouldNotBeNullOrEmpty();
        var consistency = await _api.Get($"/api/verify/consistency?head={head.GetProperty("hash").GetString()}");
        consistency.GetProperty("consistent").GetBoolean().ShouldBeTrue(consistency.GetRawText());
    }

    [Fact]
    public async Task Consistency_without_a_head_is_refused_naming_the_field()
    {
        var problem = await _api.Get("/api/verify/consistency", 400);
        problem.GetRawText().ShouldContain("head");
    }
}
