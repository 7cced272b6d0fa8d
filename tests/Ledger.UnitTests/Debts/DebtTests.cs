using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Reforms;
using Sanzi.UnitTests.Support;
using Shouldly;

namespace Sanzi.UnitTests.Debts;

public class DebtTests
{
    private static RecordDebt Liability(decimal amount) =>
        new(Sample.Key(), null, Ownership.Collective, ItemKind.Liability, DebtKind.Payable, "县建筑公司", HolderType.OutsideUnit, amount, null,
            "合同〔2026〕9号", null, null, null);

    private static IncreaseDebt Increase(decimal amount) => new(Sample.Key(), amount, "追加工程款", "补充协议", null, null, null);

    private static ReduceDebt.Request Reduce(decimal amount, Reduction how, ApprovalInput? approval = null) =>
        new(Sample.Key(), amount, how, "收-9", approval, null);

    [Fact]
    public void A_new_liability_after_the_freeze_needs_an_exception()
    {
        Should.Throw<Refused>(() => Liability(5_000m).Decide(States.Frozen(), null, Guid.NewGuid(), Sample.Stamp())).Kind.ShouldBe(RefusalKind.Conflict);
        var exception = States.Exception(ExceptionScope.Liability, 5_000m);
        Liability(5_000m).Decide(States.Frozen(), exception, Guid.NewGuid(), Sample.Stamp()).ExceptionId.ShouldBe(exception.ExceptionId);
    }

    [Fact]
    public void A_new_claim_after_the_freeze_is_refused()
    {
        var claim = new RecordDebt(Sample.Key(), null, Ownership.Collective, ItemKind.Claim, DebtKind.Receivable, "外村某公司", HolderType.OutsideUnit, 1m,
            null, "借条", null, null, null);
        Should.Throw<Refused>(() => claim.Decide(States.Frozen(), null, Guid.NewGuid(), Sample.Stamp())).Message.ShouldContain("frozen");
    }

    [Fact]
    public void After_the_lock_a_liability_may_not_grow_without_an_exception()
    {
        Should.Throw<Refused>(() => Increase(1_000m).Decide(States.Locked(), States.Debt("liability", 50_000m), null, Sample.Stamp()))
            .Message.ShouldContain("locked");
    }

    [Fact]
    public void A_claim_goes_down_only_by_a_collection_or_an_approved_write_off()
    {
        var claim = States.Debt("claim", 8_000m);
        Should.Throw<Refused>(() => Reduce(1_000m, Reduction.Repayment).Validate().Decide(States.Locked(), claim, Sample.Stamp())).Errors.Keys.ShouldBe(["how"]);
        Should.Throw<Refused>(() => Reduce(1_000m, Reduction.WriteOff).Validate()).Errors.Keys.ShouldBe(["approval"]);
        Reduce(1_000m, Reduction.WriteOff, States.Approval).Validate().Decide(States.Locked(), claim, Sample.Stamp()).How.ShouldBe(Reduction.WriteOff);
        Reduce(1_000m, Reduction.Collection).Validate().Decide(States.Locked(), claim, Sample.Stamp()).Amount.ShouldBe(1_000m);
    }

    [Fact]
    public void A_balance_cannot_go_below_zero()
    {
        Should.Throw<Refused>(() => Reduce(8_000.01m, Reduction.Collection).Validate().Decide(States.Open(), States.Debt("claim", 8_000m), Sample.Stamp()))
            .Kind.ShouldBe(RefusalKind.Conflict);
    }
}
