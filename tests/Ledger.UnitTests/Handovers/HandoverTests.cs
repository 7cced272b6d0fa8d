using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Reforms;
using Sanzi.UnitTests.Support;
using Shouldly;

namespace Sanzi.UnitTests.Handovers;

public class HandoverTests
{
    [Theory]
    [InlineData(IntegrationMode.FullMerger, "360702199210")]
    [InlineData(IntegrationMode.KeepCoopsSeparate, States.Code)]
    public void Coops_kept_apart_stay_separate_accounting_entities_in_the_new_village(IntegrationMode mode, string entity)
    {
        var confirmed = States.Noticed().Apply(new MembersConfirmed(States.Code, MembersBody.MembersAssembly, Sample.Stamp().RecordedOn, "决议", Sample.Stamp()));
        var reform = Reform.Create(new ReformDeclared(States.ReformId, "合村", "临政复〔2026〕7号", new NodaTime.LocalDate(2026, 11, 1),
            new NodaTime.LocalDate(2026, 11, 30), [new Predecessor(States.Code, "青山村", "360702199210")], [new Successor("360702199210", "和平村")],
            mode, 7, Sample.Stamp()));
        var parties = Enum.GetValues<HandoverRole>().Select(r => new Party(r, "某人", "职务")).ToList();

        var drafted = new DraftHandover(Sample.Key(), null, parties, ["账簿"], [], [], null, null)
            .Decide(confirmed, reform, [States.Account(100m)], Guid.NewGuid(), Sample.Stamp());

        drafted.SuccessorCode.ShouldBe("360702199210");
        drafted.EntityCode.ShouldBe(entity);
        drafted.Totals.Single().VerifiedValue.ShouldBe(100m);
    }
}
