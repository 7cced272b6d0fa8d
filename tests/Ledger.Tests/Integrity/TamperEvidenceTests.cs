using Shouldly;
using Sanzi.Integrity;

namespace Sanzi.Tests.Integrity;

/// <summary>
/// What a database administrator can do with SQL alone, each on a ledger of its own, and what verify
/// names. Every case starts from a sealed, clean log, so the one problem planted is the one found.
/// </summary>
public class TamperEvidenceTests
{
    private static async Task<IsolatedLedger> SealedLedgerAsync(int assets = 3)
    {
        var ledger = await IsolatedLedger.StartAsync();
        for (var i = 0; i < assets; i++) await ledger.RegisterAssetAsync(value: 1_000m + i);
        await ledger.Chain.SealAsync();
        (await ledger.VerifyAsync()).Summary.Ok.ShouldBeTrue();
        return ledger;
    }

    private static List<Problem> Problems(List<Finding> findings) => findings.OfType<Problem>().ToList();

    [Fact]
    public async Task An_event_appended_by_sql_is_named_as_written_outside_the_ledger()
    {
        await using var ledger = await SealedLedgerAsync();
        var victim = await ledger.RegisterAssetAsync();
        var forged = await ledger.ScalarAsync<long>("select nextval('ledger.mt_events_sequence')");
        await ledger.ExecuteAsync("""
            insert into ledger.mt_events
            select (jsonb_populate_record(null::ledger.mt_events,
                    to_jsonb(e) || jsonb_build_object('seq_id', $1::bigint, 'id', gen_random_uuid(), 'version', 2))).*
            from ledger.mt_events e where e.stream_id = $2 and e.version = 1
            """, forged, victim);

        var (findings, summary) = await ledger.VerifyAsync();

        summary.Ok.ShouldBeFalse();
        Problems(findings).ShouldBe([new Problem(ProblemKind.Inserted, forged, victim, 2, "has no hash from the writer: it was written outside the ledger")]);
    }

    [Fact]
    public async Task A_forged_event_with_a_hash_computed_by_sql_is_named_as_not_the_ledgers()
    {
        await using var ledger = await SealedLedgerAsync();
        var victim = await ledger.RegisterAssetAsync();
        var seq = await ledger.ScalarAsync<long>("select seq_id from ledger.mt_events where stream_id = $1", victim);
        // An edit covered up with a fresh SHA-256: what someone who knows the preimage format but not the key can do.
        await ledger.ExecuteAsync("update ledger.integrity_event_hashes set hash = sha256(hash) where seq_id = $1", seq);

        var problems = Problems((await ledger.VerifyAsync()).Findings);

        problems.ShouldContain(p => p.SeqId == seq && (p.Kind == ProblemKind.Edited || p.Kind == ProblemKind.Forged));
    }

    [Theory]
    [InlineData("headers", "jsonb_set(headers, '{role}', '\"reform-office\"')")]
    [InlineData("correlation_id", "'req-forged'")]
    [InlineData("user_name", "'李四'")]
    [InlineData("is_archived", "true")]
    [InlineData("mt_dotnet_type", "'Sanzi.Ledger.Assets.AssetDisposed, Sanzi.Ledger'")]
    [InlineData("timestamp", "timestamp - interval '1 day'")]
    [InlineData("data", "jsonb_set(data, '{originalValue}', '1')")]
    public async Task Editing_any_column_that_means_something_is_named(string column, string value)
    {
        await using var ledger = await SealedLedgerAsync();
        var seq = await ledger.ScalarAsync<long>("select min(seq_id) from ledger.mt_events");
        var stream = await ledger.ScalarAsync<Guid>("select stream_id from ledger.mt_events where seq_id = $1", seq);
        (await ledger.ExecuteAsync($"update ledger.mt_events set {column} = {value} where seq_id = $1", seq)).ShouldBe(1);

        var (findings, summary) = await ledger.VerifyAsync();

        summary.Ok.ShouldBeFalse();
        Problems(findings).ShouldContain(p => p.Kind == ProblemKind.Edited && p.SeqId == seq && p.StreamId == stream);
    }

    [Fact]
    public async Task An_event_deleted_by_sql_is_named_from_its_hash()
    {
        await using var ledger = await SealedLedgerAsync();
        var seq = await ledger.ScalarAsync<long>("select max(seq_id) from ledger.mt_events");
        var stream = await ledger.ScalarAsync<Guid>("select stream_id from ledger.mt_events where seq_id = $1", seq);
        await ledger.ExecuteAsync("delete from ledger.mt_events where seq_id = $1", seq);

        var problems = Problems((await ledger.VerifyAsync()).Findings);

        problems.ShouldContain(new Problem(ProblemKind.Deleted, seq, stream, 1, "was hashed by the writer but is no longer in the event log"));
    }

    [Fact]
    public async Task An_event_deleted_with_its_hash_is_named_where_its_stream_no_longer_follows()
    {
        await using var ledger = await SealedLedgerAsync(assets: 1);
        var item = await ledger.RegisterAssetAsync(value: 9_000m);
        await ledger.CountAsync(item, 8_500m);
        var (first, second) = (await ledger.ScalarAsync<long>("select seq_id from ledger.mt_events where stream_id = $1 and version = 1", item),
            await ledger.ScalarAsync<long>("select seq_id from ledger.mt_events where stream_id = $1 and version = 2", item));
        await ledger.ExecuteAsync("delete from ledger.integrity_event_hashes where seq_id = $1", first);
        await ledger.ExecuteAsync("delete from ledger.mt_events where seq_id = $1", first);

        var (findings, summary) = await ledger.VerifyAsync();

        summary.Ok.ShouldBeFalse();
        Problems(findings).ShouldContain(new Problem(ProblemKind.Deleted, second, item, 2,
            "does not follow the event before it in its stream: an event was removed with its hash"));
    }

    [Fact]
    public async Task Two_events_swapped_by_sql_are_each_named()
    {
        await using var ledger = await SealedLedgerAsync();
        var (a, b) = (await ledger.ScalarAsync<long>("select min(seq_id) from ledger.mt_events"), await ledger.ScalarAsync<long>("select max(seq_id) from ledger.mt_events"));
        await ledger.ExecuteAsync("""
            update ledger.mt_events e set data = o.data from ledger.mt_events o
            where (e.seq_id, o.seq_id) in (($1, $2), ($2, $1))
            """, a, b);

        var problems = Problems((await ledger.VerifyAsync()).Findings);

        problems.Where(p => p.Kind == ProblemKind.Edited).Select(p => p.SeqId).Order().ShouldBe([a, b]);
    }

    [Fact]
    public async Task An_event_moved_to_another_stream_is_named_as_written_for_its_own()
    {
        await using var ledger = await SealedLedgerAsync();
        var seq = await ledger.ScalarAsync<long>("select min(seq_id) from ledger.mt_events");
        var (own, other) = (await ledger.ScalarAsync<Guid>("select stream_id from ledger.mt_events where seq_id = $1", seq),
            await ledger.ScalarAsync<Guid>("select stream_id from ledger.mt_events where seq_id = (select max(seq_id) from ledger.mt_events)"));
        await ledger.ExecuteAsync("update ledger.mt_events set stream_id = $2, version = 2 where seq_id = $1", seq, other);

        var problems = Problems((await ledger.VerifyAsync()).Findings);

        // Whether or not the two streams are verified side by side in different shares, the event is named once as moved.
        problems.ShouldContain(new Problem(ProblemKind.Edited, seq, other, 2, $"was written as version 1 of stream {own}"));
        problems.ShouldNotContain(p => p.SeqId == seq && (p.Kind == ProblemKind.Inserted || p.Kind == ProblemKind.Deleted));
    }

    [Fact]
    public async Task A_document_claiming_a_version_its_stream_never_reached_is_named()
    {
        await using var ledger = await SealedLedgerAsync(assets: 1);
        var item = await ledger.RegisterAssetAsync();
        await ledger.ExecuteAsync("update ledger.mt_doc_item set mt_version = 5 where id = $1", item);

        var problem = Problems((await ledger.VerifyAsync()).Findings).ShouldHaveSingleItem();

        problem.ShouldBe(new Problem(ProblemKind.DocumentDiffers, null, item, 5,
            "says it was built from version 5 of its stream, which has no such event", $"Item {item}"));
    }

    [Fact]
    public async Task Deleting_the_hash_and_seal_tables_is_named_from_the_seal_file()
    {
        await using var ledger = await SealedLedgerAsync();
        var sealedThrough = (await ledger.Chain.HeadAsync())!.ToSeq;
        await ledger.ExecuteAsync("delete from ledger.integrity_event_hashes");
        await ledger.ExecuteAsync("delete from ledger.integrity_seals");

        var (findings, summary) = await ledger.VerifyAsync();

        summary.Ok.ShouldBeFalse();
        summary.SealedThrough.ShouldBe(sealedThrough, "the seal file still says how far the log was sealed");
        var problems = Problems(findings);
        problems.ShouldContain(p => p.Kind == ProblemKind.SealBroken && p.Detail.Contains("in the seal file but missing from the database"));
        problems.ShouldContain(p => p.Kind == ProblemKind.SealBroken && p.Detail.Contains("not the ones it sealed"));
        problems.Count(p => p.Kind == ProblemKind.Inserted).ShouldBe(3);

        // Sealing goes on from the file's head rather than starting a second history.
        await ledger.RegisterAssetAsync();
        var next = await ledger.Chain.SealAsync();
        next!.FromSeq.ShouldBe(sealedThrough + 1);
    }

    [Fact]
    public async Task An_item_document_edited_by_sql_is_named_with_the_field_that_differs()
    {
        await using var ledger = await SealedLedgerAsync(assets: 1);
        var item = await ledger.RegisterAssetAsync(value: 122_000m);
        await ledger.ExecuteAsync("update ledger.mt_doc_item set data = jsonb_set(data, '{value}', '1000000') where id = $1", item);

        var (findings, summary) = await ledger.VerifyAsync();

        summary.Ok.ShouldBeFalse();
        summary.DocumentsChecked.ShouldBe(2);
        var problem = Problems(findings).ShouldHaveSingleItem();
        problem.Kind.ShouldBe(ProblemKind.DocumentDiffers);
        problem.Document.ShouldBe($"Item {item}");
        problem.Detail.ShouldBe("differs from its events in value");
    }

    [Theory]
    // Read, but refused by the aggregator (no category has the number 999): the item's events are applied together, then one at a time.
    [InlineData(1, "jsonb_set(data, '{category}', '999')", "asset_registered")]
    // Not read at all (no count result has that name).
    [InlineData(2, "jsonb_set(data, '{result}', '\"Guessed\"')", "item_counted")]
    public async Task A_document_whose_event_no_longer_reads_is_named_with_that_event(int version, string edit, string type)
    {
        await using var ledger = await SealedLedgerAsync(assets: 1);
        var item = await ledger.RegisterAssetAsync();
        await ledger.CountAsync(item, 4_700m);
        var seq = await ledger.ScalarAsync<long>("select seq_id from ledger.mt_events where stream_id = $1 and version = $2", item, (long)version);
        await ledger.ExecuteAsync($"update ledger.mt_events set data = {edit} where seq_id = $1", seq);

        var problems = Problems((await ledger.VerifyAsync()).Findings);

        problems.ShouldContain(p => p.Kind == ProblemKind.Edited && p.SeqId == seq);
        var document = problems.Where(p => p.Kind == ProblemKind.DocumentDiffers).ShouldHaveSingleItem();
        document.Document.ShouldBe($"Item {item}");
        document.Detail.ShouldStartWith($"cannot be rebuilt: event {seq} does not read as {type} (");
    }

    [Fact]
    public async Task A_failed_append_leaves_tombstones_that_sealing_and_verify_take_in_their_stride()
    {
        await using var ledger = await SealedLedgerAsync(assets: 1);
        // PostgreSQL refuses the second event; Marten then fills the sequence numbers the first took with tombstones.
        await Should.ThrowAsync<Exception>(ledger.FailAnAppendAsync);
        await ledger.RegisterAssetAsync();
        // Marten writes the tombstones in the background, a moment after the failure.
        long tombstones = 0;
        for (var wait = 0; wait < 50 && tombstones == 0; wait++, await Task.Delay(100))
            tombstones = await ledger.ScalarAsync<long>("select count(*) from ledger.mt_events where type = 'tombstone'");
        tombstones.ShouldBeGreaterThan(0);

        (await ledger.Chain.SealAsync()).ShouldNotBeNull();
        var (findings, summary) = await ledger.VerifyAsync();

        summary.Ok.ShouldBeTrue();
        summary.Tombstones.ShouldBe(tombstones);
        findings.OfType<Note>().ShouldAllBe(n => n.Detail.StartsWith("tombstone"));
    }
}
