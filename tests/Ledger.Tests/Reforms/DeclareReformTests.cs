using Sanzi.Api.Identity;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Reforms;

public class DeclareReformTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    private static DeclareReform.Request Command(string oldCode, string newCode) => new(Sample.Key(), "撤并", "赣府字〔2026〕18号",
        new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), [new PredecessorInput(oldCode, "青山镇", null)],
        [new SuccessorInput(newCode, "临河镇")], null, null, null, null);

    [Fact]
    public void Declaring_registers_unknown_units_and_ties_the_old_ones_to_the_reform()
    {
        var units = new Dictionary<string, UnitBook?> { ["360702101"] = null, ["360702110"] = null };
        var events = Command("360702101", "360702110").Validate().Decide(Guid.NewGuid(), units, Sample.Stamp()).Select(e => e.Event).ToList();

        events[0].ShouldBeOfType<ReformDeclared>().Predecessors[0].SuccessorCode.ShouldBe("360702110");
        events.OfType<UnitRegistered>().Select(u => u.Code).ShouldBe(["360702101", "360702110"]);
        events.OfType<UnitJoinedReform>().Single().Code.ShouldBe("360702101");
    }

    [Fact]
    public void A_unit_already_in_another_reform_cannot_be_merged_again()
    {
        var stamp = Sample.Stamp();
        var taken = UnitBook.Create(new UnitRegistered("360702101", "青山镇", UnitLevel.Township, stamp))
            .Apply(new UnitJoinedReform("360702101", Guid.NewGuid(), stamp));
        var units = new Dictionary<string, UnitBook?> { ["360702101"] = taken, ["360702110"] = null };

        Should.Throw<Refused>(() => Command("360702101", "360702110").Validate().Decide(Guid.NewGuid(), units, stamp))
            .Kind.ShouldBe(RefusalKind.Conflict);
    }

    [Fact]
    public void A_retired_division_code_is_not_reused()
    {
        var stamp = Sample.Stamp();
        var retired = UnitBook.Create(new UnitRegistered("360702110", "临河镇", UnitLevel.Township, stamp))
            .Apply(new Sanzi.Ledger.Handovers.BooksHandedOver("360702110", Guid.NewGuid(), "360702199", 3, [], stamp.RecordedAt, stamp));
        var units = new Dictionary<string, UnitBook?> { ["360702101"] = null, ["360702110"] = retired };

        Should.Throw<Refused>(() => Command("360702101", "360702110").Validate().Decide(Guid.NewGuid(), units, stamp)).Message.ShouldContain("已撤销");
    }

    [Fact]
    public void Mixed_levels_and_reused_codes_break_the_shape_rules()
    {
        Should.Throw<Refused>(() => Command("360702101", "360702101201").Validate()).Errors.Keys.ShouldContain("successors");
        Should.Throw<Refused>(() => Command("360702101", "360702101").Validate()).Errors.Keys.ShouldContain("predecessors");
        Should.Throw<Refused>(() => Command("3607", "360702110").Validate()).Errors.Keys.ShouldContain("predecessors[0].code");
    }

    [Fact]
    public async Task A_declared_reform_answers_201_with_its_location_and_a_second_reform_of_the_same_unit_is_409()
    {
        var oldCode = Sample.TownshipCode();
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(Sample.Reform(oldCode, Sample.TownshipCode())).ToUrl("/api/reforms");
            s.WithRequestHeader("Authorization", "Bearer " + _api.Token("county-office", Roles.ReformOffice));
            s.StatusCodeShouldBe(201);
            s.Header("Location").SingleValueShouldMatch("^/api/reforms/[0-9a-f-]{36}$");
        });
        result.ShouldNotBeNull();

        var problem = await _api.Post("/api/reforms", Sample.Reform(oldCode, Sample.TownshipCode()), 409);
        problem.GetProperty("detail").GetString()!.ShouldContain("already belongs to reform");
    }
}
