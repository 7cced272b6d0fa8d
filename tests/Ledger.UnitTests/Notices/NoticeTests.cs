using Sanzi.Ledger.Common;
using Sanzi.Ledger.Notices;
using Sanzi.UnitTests.Support;
using Shouldly;

namespace Sanzi.UnitTests.Notices;

public class NoticeTests
{
    private static ConfirmResults Confirm() => new(Sample.Key(), MembersBody.MembersAssembly, Sample.Stamp().RecordedOn, "成员大会决议", null);

    [Fact]
    public void The_members_confirm_only_after_the_notice_period()
    {
        Should.Throw<Refused>(() => Confirm().Decide(States.Noticed(days: 7), Sample.Stamp())).Message.ShouldContain("may confirm from");
        Confirm().Decide(States.Noticed(days: 0), Sample.Stamp()).Body.ShouldBe(MembersBody.MembersAssembly);
    }

    [Fact]
    public void Every_objection_must_be_resolved_before_the_confirmation()
    {
        var objected = States.Noticed().Apply(new ObjectionRaised(States.Code, Guid.NewGuid(), "村民刘某", null, "账目不清", Sample.Stamp()));
        Should.Throw<Refused>(() => Confirm().Decide(objected, Sample.Stamp())).Message.ShouldContain("not yet resolved");
    }

    [Fact]
    public void An_upheld_objection_about_an_item_enters_a_correcting_count()
    {
        var item = States.Account(1_000m);
        var objection = new ObjectionRaised(States.Code, Guid.NewGuid(), "村民刘某", item.Id, "余额不符", Sample.Stamp());
        var unit = States.Noticed().Apply(objection);

        var events = new ResolveObjection(Sample.Key(), ObjectionOutcome.Upheld, "复核属实", 900m, null).Decide(unit, objection, item, Sample.Stamp());

        events.Select(e => e.Event).OfType<ObjectionResolved>().Single().Correction!.NewVerifiedValue.ShouldBe(900m);
        events.Select(e => e.Event).OfType<Sanzi.Ledger.Inventory.ItemCounted>().Single().VerifiedValue.ShouldBe(900m);
        Should.Throw<Refused>(() => new ResolveObjection(Sample.Key(), ObjectionOutcome.Rejected, "不属实", null, null)
            .Decide(unit.Apply((ObjectionResolved)events[0].Event), objection, item, Sample.Stamp())).Message.ShouldContain("already resolved");
    }

    [Fact]
    public void A_notice_needs_the_inventory_closed_first()
    {
        var reform = Sanzi.Ledger.Reforms.Reform.Create(new Sanzi.Ledger.Reforms.ReformDeclared(States.ReformId, "t", "d", new NodaTime.LocalDate(2026, 11, 1),
            new NodaTime.LocalDate(2026, 11, 30), [], [], Sanzi.Ledger.Reforms.IntegrationMode.FullMerger, 7, Sample.Stamp()));
        Should.Throw<Refused>(() => new PublishNotice(Sample.Key(), null, ["公开栏"], "镇中心", null).Decide(States.Locked(), reform, 7, Guid.NewGuid(), Sample.Stamp()))
            .Message.ShouldContain("inventory");
    }
}
