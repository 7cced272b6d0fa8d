using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Concurrency;

/// <summary>
/// Races between commands. The forced ones open a command's session and load its state, let the other command
/// commit through the API, and only then commit: without the unit's version guard the stale decision would stand.
/// They run alone, after the other tests: the integrity chain's tests seal the shared log while they run, and a
/// transaction that lost its race leaves a gap in the event sequence that sealing must wait out.
/// </summary>
[Collection(nameof(RaceTests))]
public class RaceTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);
    private IDocumentStore Store => fixture.Host.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task A_payment_decided_before_the_freeze_cannot_commit_after_it()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var accountId = await books.Account("bank", 10_000m);

        await using var payment = Store.LightweightSession();
        var account = await payment.Events.FetchForWriting<Item>(accountId);
        var unit = await payment.UnitOfAsync(account.Aggregate!, CancellationToken.None);
        account.AppendOne(Payment(800m).Decide(unit, account.Aggregate!, null, Sample.Stamp()));

        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);

        await Should.ThrowAsync<ConcurrencyException>(() => payment.SaveChangesAsync());
        (await _api.Get($"/api/items/{accountId}")).GetProperty("value").GetDecimal().ShouldBe(10_000m);
    }

    [Fact]
    public async Task A_count_decided_before_the_inventory_closed_cannot_commit_after_it()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var assetId = await books.Asset("building", "村部办公楼", 400_000m);
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        await books.LockDebts();
        await books.Count(assetId);

        await using var recount = Store.LightweightSession();
        var asset = await recount.Events.FetchForWriting<Item>(assetId);
        var unit = await recount.UnitOfAsync(asset.Aggregate!, CancellationToken.None);
        asset.AppendOne(new CountItem(Sample.Key(), CountResult.Adjusted, 300_000m, null, "屋面漏水", null, null)
            .Decide(unit, asset.Aggregate!, Sample.Stamp()));

        var closed = await books.CloseInventory();

        await Should.ThrowAsync<ConcurrencyException>(() => recount.SaveChangesAsync());
        closed.GetProperty("totals")[0].GetProperty("verifiedValue").GetDecimal().ShouldBe(400_000m);
        (await _api.Get($"/api/items/{assetId}")).GetProperty("count").GetProperty("verifiedValue").GetDecimal().ShouldBe(400_000m);
    }

    [Fact]
    public async Task Eight_payments_at_once_that_the_balance_allows_all_succeed()
    {
        var books = new Books(_api, Sample.TownshipCode());
        await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        var accountId = await books.Account("bank", 8_000m);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => books.Payment(accountId, 1_000m)));

        (await _api.Get($"/api/items/{accountId}")).GetProperty("value").GetDecimal().ShouldBe(0m);
        await books.Payment(accountId, 0.01m, 409);
    }

    [Fact]
    public async Task Two_identical_requests_at_once_get_the_same_answer_twice_and_write_once()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        var vehicle = Sample.Vehicle();

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _api.Post($"/api/units/{code}/assets", vehicle, 201)));

        answers[1].GetRawText().ShouldBe(answers[0].GetRawText());
        (await _api.Get($"/api/units/{code}/assets")).GetProperty("count").GetInt32().ShouldBe(1);
    }

    private static RecordPayment Payment(decimal amount) =>
        new(Sample.Key(), amount, new Payee("县印刷厂", HolderType.OutsideUnit, null), "印制材料", "541", "记-1",
            new Approval("村委会主任", "四议两公开〔2026〕5号", Sample.Now()), null, null, null, null);
}

[CollectionDefinition(nameof(RaceTests), DisableParallelization = true)]
public sealed class RaceTestsRunAlone;
