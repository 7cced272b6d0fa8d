using Shouldly;

namespace Sanzi.Tests.Integrity;

/// <summary>An inspector wrote a head down last month; is today's log still the same up to it?</summary>
public class ConsistencyTests
{
    [Fact]
    public async Task An_old_head_is_a_prefix_of_todays_log_after_newer_seals_until_something_it_sealed_changes()
    {
        await using var ledger = await IsolatedLedger.StartAsync();
        var first = await ledger.RegisterAssetAsync();
        var old = (await ledger.Chain.SealAsync())!;
        await ledger.RegisterAssetAsync();
        await ledger.Chain.SealAsync();
        await ledger.RegisterAssetAsync();
        var latest = (await ledger.Chain.SealAsync())!;

        var answer = await ledger.Chain.ConsistencyAsync(old.Hash);
        answer.Consistent.ShouldBeTrue(answer.Detail);
        answer.Head.ShouldBe(old);
        answer.Latest.ShouldBe(latest);
        answer.Detail.ShouldContain("2 later seal(s)");

        var seq = await ledger.ScalarAsync<long>("select seq_id from ledger.mt_events where stream_id = $1", first);
        await ledger.ExecuteAsync("update ledger.mt_events set data = jsonb_set(data, '{name}', '\"笔记本\"') where seq_id = $1", seq);

        var diverged = await ledger.Chain.ConsistencyAsync(old.Hash);
        diverged.Consistent.ShouldBeFalse();
        diverged.DivergesAt.ShouldBe(seq);
        diverged.Detail.ShouldContain("Edited");
    }

    [Fact]
    public async Task A_head_that_is_not_a_seal_of_this_ledger_is_said_to_diverge()
    {
        await using var ledger = await IsolatedLedger.StartAsync();
        await ledger.RegisterAssetAsync();
        await ledger.Chain.SealAsync();

        var answer = await ledger.Chain.ConsistencyAsync(new string('a', 64));

        answer.Consistent.ShouldBeFalse();
        answer.Head.ShouldBeNull();
        answer.Detail.ShouldContain("not a seal of this ledger");
    }
}
