using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Resources;
using Sanzi.Projections.Audit;
using Sanzi.Projections.Contracts;
using Sanzi.Projections.Leads;
using Shouldly;

namespace Sanzi.UnitTests.Leads;

/// <summary>Contracts that remind: running out soon, and rent unpaid for the year under way.</summary>
public partial class LeadRuleTests
{
    // A property: static fields of the other parts of this class may not be set yet when this part's are.
    private static LocalDate Day0 => Stamp.DayOf(Frozen);

    private EventFact Contracted(Guid resource, string contractor, LocalDate from, LocalDate to, decimal rent) =>
        F(resource, new ResourceContracted(resource, A, contractor, HolderType.Individual, $"承包〔{from.Year}〕{resource.ToString()[..4]}号", from, to, rent,
            At(Frozen - Duration.FromDays(800))));

    private EventFact Rent(string contractor, decimal amount, LocalDate day) =>
        F(Bank, new ReceiptRecorded(Bank, A, amount, contractor, HolderType.Individual, "承包费", "511", "收-9", At(Frozen, day: day)));

    [Fact]
    public void Rent_of_the_year_under_way_unpaid_a_month_after_it_began_is_a_lead_and_paid_or_not_yet_due_rent_is_not()
    {
        var (unpaid, paid, fresh) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        EventFact[] facts =
        [
            Contracted(unpaid, "种粮大户张某", Day0.PlusYears(-2).PlusDays(-40), Day0.PlusYears(3), 36_000m),
            Contracted(paid, "养殖户李某", Day0.PlusYears(-1).PlusDays(-40), Day0.PlusYears(3), 12_000m),
            Contracted(fresh, "果农王某", Day0.PlusYears(-1).PlusDays(-10), Day0.PlusYears(3), 8_000m),
            Rent("养殖户李某", 12_000m, Day0.PlusDays(-35)), Rent("种粮大户张某", 10_000m, Day0.PlusDays(-20)), Freeze(),
        ];
        var lead = Run(new RentInArrears(), facts).ShouldHaveSingleItem();
        lead.Counterparty.ShouldBe("种粮大户张某");
        lead.Amount.ShouldBe(26_000m);
        lead.Summary.ShouldContain("年度租金¥36,000.00逾期未缴，已入账¥10,000.00");
    }

    [Fact]
    public void A_contract_running_out_within_ninety_days_is_listed_as_expiring_and_one_a_day_later_is_not()
    {
        var (soon, later, ended) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var contracts = new[]
        {
            Contracted(soon, "甲", Day0.PlusYears(-5), Day0.PlusDays(90), 1_000m), Contracted(later, "乙", Day0.PlusYears(-5), Day0.PlusDays(91), 1_000m),
            Contracted(ended, "丙", Day0.PlusYears(-5), Day0.PlusDays(-1), 1_000m),
        }.Select(f => (ResourceContracted)f.Event);
        var lines = ContractReminders.Build(contracts, [], Day0, new LeadThresholds());
        lines.Select(l => (l.Contractor, l.DaysLeft, l.ExpiresSoon)).ShouldBe([("甲", 90, true), ("乙", 91, false)]);
    }
}
