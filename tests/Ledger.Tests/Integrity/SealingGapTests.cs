using Shouldly;

namespace Sanzi.Tests.Integrity;

/// <summary>
/// A writer that has drawn its sequence numbers but not yet written its rows (a large session under load) must not be
/// sealed over: its events would later sit inside a seal that does not count them, and verify would call them inserted.
/// </summary>
public class SealingGapTests
{
    [Fact]
    public async Task Sealing_stops_below_a_number_drawn_by_a_transaction_that_has_not_ended()
    {
        await using var ledger = await IsolatedLedger.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        await ledger.RegisterAssetAsync();

        await using var slow = ledger.Store.Storage.Database.CreateConnection();
        await slow.OpenAsync(ct);
        await using var transaction = await slow.BeginTransactionAsync(ct);
        await using (var draw = new Npgsql.NpgsqlCommand("select nextval('ledger.mt_events_sequence')", slow, transaction))
        {
            var drawn = (long)(await draw.ExecuteScalarAsync(ct))!;
            await ledger.RegisterAssetAsync();

            var first = (await ledger.Chain.SealAsync(ct))!;
            first.ToSeq.ShouldBe(drawn - 1, "the seal must end below the number still held");

            await transaction.RollbackAsync(ct);
            var second = (await ledger.Chain.SealAsync(ct))!;
            second.ToSeq.ShouldBeGreaterThan(drawn, "a number given back by a rolled-back transaction is a permanent gap");
        }

        var (findings, summary) = await ledger.VerifyAsync();
        summary.Ok.ShouldBeTrue(string.Join("; ", findings));
    }
}
