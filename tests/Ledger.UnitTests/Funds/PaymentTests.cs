using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Reforms;
using Sanzi.UnitTests.Support;
using Shouldly;

namespace Sanzi.UnitTests.Funds;

public class PaymentTests
{
    private static RecordPayment Payment(decimal amount, string accountCode = "541", Guid? exceptionId = null, LocalDate? businessDate = null,
        string? correction = null, string? resolution = null) =>
        Request(amount, accountCode, exceptionId, businessDate, correction, resolution).Validate();

    private static RecordPayment.Request Request(decimal amount, string accountCode = "541", Guid? exceptionId = null, LocalDate? businessDate = null,
        string? correction = null, string? resolution = null) =>
        new(Sample.Key(), amount, "县印刷厂", HolderType.OutsideUnit, null, "印制材料", accountCode, "记-1", States.Approval, resolution,
            exceptionId, businessDate, correction);

    [Fact]
    public void A_payment_from_a_frozen_unit_without_an_exception_is_refused()
    {
        Should.Throw<Refused>(() => Payment(100m).Decide(States.Frozen(), States.Account(1_000m), null, Sample.Stamp()))
            .Message.ShouldContain("特批");
    }

    [Fact]
    public void A_payment_under_an_exception_is_allowed_and_marked_with_it()
    {
        var exception = States.Exception(ExceptionScope.Payment, 500m);
        var paid = Payment(300m, exceptionId: exception.ExceptionId).Decide(States.Frozen(), States.Account(1_000m), exception, Sample.Stamp());
        paid.ExceptionId.ShouldBe(exception.ExceptionId);
    }

    [Fact]
    public void An_exception_covers_neither_more_than_its_amount_nor_another_kind_of_movement()
    {
        var small = States.Exception(ExceptionScope.Payment, 200m);
        Should.Throw<Refused>(() => Payment(300m).Decide(States.Frozen(), States.Account(1_000m), small, Sample.Stamp())).Message.ShouldContain("at most");
        var disposal = States.Exception(ExceptionScope.Disposal, 5_000m);
        Should.Throw<Refused>(() => Payment(300m).Decide(States.Frozen(), States.Account(1_000m), disposal, Sample.Stamp())).Message.ShouldContain("disposal");
    }

    [Fact]
    public void A_payment_may_not_overdraw_the_account()
    {
        Should.Throw<Refused>(() => Payment(1_000.01m).Decide(States.Open(), States.Account(1_000m), null, Sample.Stamp()))
            .Message.ShouldContain("overdraw");
    }

    [Fact]
    public void The_account_code_must_be_in_the_chart_in_force_on_the_business_date()
    {
        var in2023 = new Stamp("clerk", Sample.Now, new LocalDate(2023, 6, 1));
        Should.Throw<Refused>(() => Payment(10m, "161").Decide(States.Open(), States.Account(1_000m), null, in2023))
            .Errors.Keys.ShouldBe(["accountCode"]);
        Should.NotThrow(() => Payment(10m, "161").Decide(States.Open(), States.Account(1_000m), null, Sample.Stamp()));
    }

    [Fact]
    public void A_distribution_to_members_needs_a_resolution()
    {
        Should.Throw<Refused>(() => Request(10m, ChartOfAccounts.Distribution).Validate()).Errors.Keys.ShouldBe(["resolutionReference"]);
        Should.NotThrow(() => Request(10m, ChartOfAccounts.Distribution, resolution: "成员大会决议〔2026〕1号").Validate());
    }

    [Fact]
    public void An_entry_dated_before_the_freeze_but_recorded_after_it_is_only_a_correction()
    {
        var frozen = States.Frozen(Duration.FromDays(3));
        var exception = States.Exception(ExceptionScope.Payment, 500m);
        var backdated = Stamp.DayOf(Sample.Now).PlusDays(-10);

        Should.Throw<Refused>(() => Payment(100m, businessDate: backdated)
                .Decide(frozen, States.Account(1_000m), exception, Sample.Stamp() with { BusinessDate = backdated }))
            .Errors.Keys.ShouldBe(["correctionReason"]);
        var corrected = Payment(100m, businessDate: backdated, correction: "补记 11 月 13 日漏记凭证")
            .Decide(frozen, States.Account(1_000m), exception, Sample.Stamp() with { BusinessDate = backdated, Correction = "补记" });
        corrected.Stamp.Correction.ShouldBe("补记");
    }

    [Fact]
    public void A_business_date_later_than_the_recording_date_is_a_400()
    {
        Should.Throw<Refused>(() => Stamps.For(Payment(1m, businessDate: new LocalDate(2100, 1, 1)), new Actor("clerk", null),
            Sample.Now)).Errors.Keys.ShouldBe(["businessDate"]);
    }
}
