using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;
using Sanzi.UnitTests.Support;
using Shouldly;

namespace Sanzi.UnitTests.Inventory;

public class InventoryTests
{
    private static CountItem.Request Count(CountResult result, decimal? value = null, string? reason = null) =>
        new(Sample.Key(), result, value, null, reason, null, null);

    [Fact]
    public void Counting_needs_a_frozen_unit_and_an_open_inventory()
    {
        Should.Throw<Refused>(() => Count(CountResult.Confirmed).Validate().Decide(States.Open(), States.Account(10m), Sample.Stamp())).Message.ShouldContain("freeze");
        Should.Throw<Refused>(() => Count(CountResult.Confirmed).Validate().Decide(States.Inventoried(), States.Account(10m), Sample.Stamp())).Message.ShouldContain("closed");
    }

    [Fact]
    public void A_count_that_differs_from_the_books_needs_a_reason_and_a_missing_item_verifies_at_nothing()
    {
        Should.Throw<Refused>(() => Count(CountResult.Adjusted, 5m).Validate()).Errors.Keys.ShouldBe(["reason"]);
        Should.Throw<Refused>(() => Count(CountResult.Missing).Validate()).Errors.Keys.ShouldBe(["reason"]);
        Count(CountResult.Missing, reason: "未见实物").Validate().Decide(States.Frozen(), States.Account(10m), Sample.Stamp()).VerifiedValue.ShouldBe(0m);
        Count(CountResult.Confirmed).Validate().Decide(States.Frozen(), States.Account(10m), Sample.Stamp()).VerifiedValue.ShouldBe(10m);
    }

    [Fact]
    public void The_inventory_closes_only_when_every_item_has_a_count_and_the_debts_are_locked()
    {
        var uncounted = States.Account(10m);
        Should.Throw<Refused>(() => new CloseInventory(Sample.Key(), null, null).Decide(States.Frozen(), [uncounted], Sample.Stamp()))
            .Message.ShouldContain("debt lock");
        Should.Throw<Refused>(() => new CloseInventory(Sample.Key(), null, null).Decide(States.Locked(), [uncounted], Sample.Stamp()))
            .Message.ShouldContain(uncounted.ItemCode);
    }
}
