using Microsoft.Extensions.Configuration;
using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Projections.Audit;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Projections.Leads;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Shouldly;

namespace Sanzi.UnitTests.Leads;

/// <summary>Each rule as a pure function over hand-made events: a case it must find and a near miss it must not.</summary>
public partial class LeadRuleTests
{
    private const string A = "360702101", B = "360702102", S = "360702110";
    private static readonly Instant Frozen = Instant.FromUtc(2026, 6, 1, 2, 0);
    private static readonly Guid Bank = Guid.NewGuid(), Cash = Guid.NewGuid();
    private static readonly Reform Plan = new(Guid.NewGuid(), "并镇", "赣府字〔2026〕1号",
        [new Predecessor(A, "东乡", S), new Predecessor(B, "西乡", S)], [new Successor(S, "新镇")], IntegrationMode.FullMerger, 7, [], []);

    private long _sequence;

    private static Stamp At(Instant at, string actor = "clerk", LocalDate? day = null, string? correction = null) =>
        new(actor, at, day ?? Stamp.DayOf(at), correction);

    private static Stamp After(int hours) => At(Frozen + Duration.FromHours(hours));
    private static Stamp Before(int days) => At(Frozen - Duration.FromDays(days));

    private EventFact F(Guid stream, ILedgerEvent e) => new(++_sequence, Guid.NewGuid(), stream, null, e);
    private EventFact F(ILedgerEvent e) => F(Guid.NewGuid(), e);

    private EventFact Freeze(string unit = A) => F(StreamIds.ForUnit(unit), new UnitFrozen(unit, Plan.Id, Frozen, At(Frozen)));

    private EventFact Opened(Guid account, FundKind kind, decimal balance, string unit = A) =>
        F(account, new FundAccountOpened(account, unit, "ZJ", Ownership.Collective, kind, "账户", null, null, HolderType.Collective, balance, Before(400)));

    private EventFact Pay(decimal amount, Stamp stamp, string payee = "某公司", Guid? account = null, string unit = A, Guid? exceptionId = null,
        HolderType type = HolderType.OutsideUnit) =>
        F(account ?? Bank, new PaymentRecorded(account ?? Bank, unit, amount, new Payee(payee, type, null), "开支", "541", "记-1",
            new Approval("主任", "审批单", stamp.RecordedAt), null, exceptionId, stamp));

    private EventFact Receive(decimal amount, Guid account, Stamp stamp) =>
        F(account, new ReceiptRecorded(account, A, amount, "县财政局", HolderType.OutsideUnit, "补助", "522", "收-1", stamp));

    private IReadOnlyList<Lead> Run(ILeadRule rule, params EventFact[] facts) =>
        rule.Find(new LeadScope(facts, new LeadThresholds(), Plan)).ToList();

    [Fact]
    public void Outflows_after_the_freeze_are_leads_and_excepted_ones_are_listed_apart()
    {
        var exception = Guid.NewGuid();
        EventFact[] facts = [Pay(900m, Before(1)), Freeze(), Pay(500m, After(1)), Pay(300m, After(2), exceptionId: exception)];
        Run(new OutflowInFreeze(), facts).ShouldHaveSingleItem().Amount.ShouldBe(500m);
        Run(new ExceptedOutflow(), facts).ShouldHaveSingleItem().Amount.ShouldBe(300m);
    }

    [Fact]
    public void An_entry_that_changes_the_frozen_books_without_a_reason_is_back_dated_a_late_or_corrected_one_is_not()
    {
        var late = At(Frozen + Duration.FromHours(1), day: Stamp.DayOf(Frozen).PlusDays(-3));
        var lead = Run(new BackDatedEntry(), Freeze(), Receive(10m, Bank, late), Receive(20m, Bank, After(1))).ShouldHaveSingleItem();
        lead.Amount.ShouldBe(10m);
        lead.Summary.ShouldContain("未说明更正理由");
        Run(new BackDatedEntry(), Freeze(), Receive(5m, Bank, late with { Correction = "漏记" })).ShouldBeEmpty();
        // Books entered after the fact: recorded months late, but before the freeze was recorded, so no report had shown them.
        Run(new BackDatedEntry(), Receive(5m, Bank, At(Frozen + Duration.FromDays(90), day: Stamp.DayOf(Frozen).PlusDays(-30))),
            F(StreamIds.ForUnit(A), new UnitFrozen(A, Plan.Id, Frozen, At(Frozen + Duration.FromDays(91))))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(2_001, true)]
    [InlineData(2_000, false)]
    public void Spending_before_the_freeze_above_twice_the_monthly_baseline_is_rush_spending(int window, bool lead)
    {
        var baseline = new[] { 40, 70, 100, 130, 160, 190 }.Select(d => Pay(1_000m, Before(d), $"供应商{d}"));
        var found = Run(new RushSpending(), [.. baseline, Pay(window, Before(5)), Freeze()]);
        found.Count.ShouldBe(lead ? 1 : 0);
        if (lead) found[0].Threshold.ShouldBe(2_000m);
    }

    [Fact]
    public void Payments_to_one_payee_within_a_week_each_under_the_threshold_and_together_over_it_are_split()
    {
        var split = Run(new SplitPayment(), Pay(600m, Before(20), "张三"), Pay(600m, Before(14), "张三"), Pay(600m, Before(30), "李四"),
            Pay(600m, Before(22), "李四")).ShouldHaveSingleItem();
        split.Counterparty.ShouldBe("张三");
        split.Threshold.ShouldBe(1_000m);
        Run(new SplitPayment(), Pay(6_000m, Before(3), "王五"), Pay(5_000m, Before(2), "王五")).ShouldHaveSingleItem().Threshold.ShouldBe(10_000m);
    }

    [Fact]
    public void Cash_payments_above_the_limit_are_large_cash()
    {
        var lead = Run(new LargeCashPayment(), Opened(Cash, FundKind.Cash, 3_000m), Opened(Bank, FundKind.Bank, 9_000m),
            Pay(1_001m, Before(3), account: Cash), Pay(1_000m, Before(2), account: Cash), Pay(5_000m, Before(2))).ShouldHaveSingleItem();
        lead.Amount.ShouldBe(1_001m);
    }

    [Fact]
    public void Cash_on_hand_crossing_the_limit_is_a_lead_once_per_crossing()
    {
        var leads = Run(new CashAboveLimit(), Opened(Cash, FundKind.Cash, 3_000m), Receive(2_000m, Cash, Before(9)),
            Receive(1m, Cash, Before(8)), Receive(100m, Cash, Before(7)), Pay(2_000m, Before(6), account: Cash), Receive(3_000m, Cash, Before(5)));
        leads.Select(l => l.Amount).ShouldBe([5_001m, 6_101m]);
    }

    [Fact]
    public void A_liability_entered_after_the_debt_lock_is_inflated_debt()
    {
        var debt = Guid.NewGuid();
        var lead = Run(new DebtInflation(),
            F(new DebtRecorded(Guid.NewGuid(), A, "ZW-1", Ownership.Collective, ItemKind.Liability, DebtKind.Payable, "甲", HolderType.OutsideUnit,
                100m, null, "合同", null, Before(10))),
            Freeze(),
            F(StreamIds.ForUnit(A), new DebtsLocked(A, Plan.Id, Stamp.DayOf(Frozen), [], After(1))),
            F(debt, new DebtRecorded(debt, A, "ZW-2", Ownership.Collective, ItemKind.Liability, DebtKind.Payable, "乙", HolderType.OutsideUnit,
                300m, null, "欠条", Guid.NewGuid(), After(2)))).ShouldHaveSingleItem();
        lead.Counterparty.ShouldBe("乙");
    }

    [Fact]
    public void A_claim_written_off_after_the_freeze_is_a_lost_claim_a_collection_is_not()
    {
        var claim = Guid.NewGuid();
        Run(new ClaimLoss(),
            F(claim, new DebtRecorded(claim, A, "ZQ-1", Ownership.Collective, ItemKind.Claim, DebtKind.Receivable, "某企业", HolderType.OutsideUnit,
                8_000m, null, "合同", null, Before(30))),
            Freeze(),
            F(claim, new DebtReduced(claim, A, 1_000m, Reduction.Collection, "收据", null, After(1))),
            F(claim, new DebtReduced(claim, A, 3_000m, Reduction.WriteOff, "核销", new Approval("乡长", "决议", After(2).RecordedAt), After(2))))
            .ShouldHaveSingleItem().Counterparty.ShouldBe("某企业");
    }

    [Fact]
    public void An_item_held_at_the_freeze_but_missing_from_the_handover_is_a_lead()
    {
        Guid kept = Guid.NewGuid(), lost = Guid.NewGuid(), handover = Guid.NewGuid();
        var lead = Run(new ItemNotHandedOver(), Asset(kept, 1_000m), Asset(lost, 2_000m), Freeze(),
            F(kept, new ItemTransferred(kept, handover, A, S, S, 1_000m, After(5))),
            F(StreamIds.ForUnit(A), new BooksHandedOver(A, handover, S, 1, [], After(5).RecordedAt, After(5)))).ShouldHaveSingleItem();
        lead.Amount.ShouldBe(2_000m);
        lead.Events[0].StreamId.ShouldBe(lost);
    }

    [Fact]
    public void Items_missing_at_the_count_are_shortages()
    {
        var item = Guid.NewGuid();
        Run(new ShortageAtCount(), Freeze(), Count(item, CountResult.Missing, 2_000m, 0m, After(1)), Count(Guid.NewGuid(), CountResult.Confirmed, 5m, 5m, After(1)))
            .ShouldHaveSingleItem().Amount.ShouldBe(2_000m);
    }

    [Fact]
    public void A_count_writing_down_more_than_a_tenth_without_an_upheld_objection_is_a_lead()
    {
        Guid cut = Guid.NewGuid(), small = Guid.NewGuid(), objected = Guid.NewGuid();
        var resolved = After(9);
        var lead = Run(new UnapprovedWriteDown(), Freeze(),
            Count(cut, CountResult.Adjusted, 100m, 80m, After(1)),
            Count(small, CountResult.Adjusted, 100m, 95m, After(1)),
            F(StreamIds.ForUnit(A), new ObjectionResolved(A, Guid.NewGuid(), ObjectionOutcome.Upheld, "复核",
                new Correction(objected, ItemKind.Asset, "building", 100m, 50m), resolved)),
            Count(objected, CountResult.Adjusted, 100m, 50m, resolved)).ShouldHaveSingleItem();
        lead.Events[0].StreamId.ShouldBe(cut);
        lead.Amount.ShouldBe(20m);
    }

    [Fact]
    public void A_disposal_after_the_freeze_to_anyone_but_the_successor_is_a_transfer_lead()
    {
        Guid sold = Guid.NewGuid(), given = Guid.NewGuid();
        Run(new TransferToNonSuccessor(), Asset(sold, 50_000m), Asset(given, 9_000m), Freeze(),
            F(sold, new AssetDisposed(sold, A, "sale", 5_000m, "决议", "闲置", "某老板", Guid.NewGuid(), After(1))),
            F(given, new AssetDisposed(given, A, "transfer", 0m, "决议", "划转", "新镇", Guid.NewGuid(), After(1))),
            Pay(700m, After(2), "新镇", type: HolderType.Collective, exceptionId: Guid.NewGuid()))
            .ShouldHaveSingleItem().Counterparty.ShouldBe("某老板");
    }

    [Fact]
    public void A_payee_paid_by_two_old_units_of_the_reform_gives_a_lead_for_each()
    {
        var leads = Run(new SharedPayee(), Pay(100m, Before(5), "王五", unit: A), Pay(200m, Before(4), "王五", unit: B),
            Pay(100m, Before(5), "赵六", unit: A), Pay(100m, Before(5), "新镇", unit: A, type: HolderType.Collective),
            Pay(100m, Before(5), "新镇", unit: B, type: HolderType.Collective));
        leads.Select(l => (l.UnitCode, l.Amount)).ShouldBe([(A, 100m), (B, 200m)], ignoreOrder: true);
    }

    [Fact]
    public void A_payment_to_someone_who_records_entries_is_a_lead()
    {
        Run(new PayeeIsActor(), Receive(10m, Bank, At(Frozen - Duration.FromDays(9), actor: "李会计")), Pay(900m, Before(3), "李会计"),
            Pay(900m, Before(3), "王会计")).ShouldHaveSingleItem().Counterparty.ShouldBe("李会计");
    }

    [Fact]
    public void Every_rule_has_a_distinct_name()
    {
        LeadRules.Names.Count.ShouldBe(LeadRules.All.Count);
        var leads = LeadRules.Evaluate(new LeadScope([Freeze(), Pay(500m, After(1))], new LeadThresholds(), Plan));
        leads.ShouldHaveSingleItem().ReformId.ShouldBe(Plan.Id);
    }

    [Fact]
    public void Thresholds_bind_from_the_Leads_section_keeping_the_defaults_not_set()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Leads:CashOnHandLimit"] = "3000" }).Build();
        var thresholds = configuration.GetSection(LeadThresholds.Section).Get<LeadThresholds>()!;
        thresholds.CashOnHandLimit.ShouldBe(3_000m);
        thresholds.RushFactor.ShouldBe(2m);
    }

    private EventFact Asset(Guid id, decimal value) =>
        F(id, new AssetRegistered(id, A, "GD", Ownership.Collective, AssetCategory.Machinery, "设备", null, 1, "台", value, 0m,
            new LocalDate(2020, 1, 1), "村部", null, null, Before(100)));

    private EventFact Count(Guid item, CountResult result, decimal book, decimal verified, Stamp stamp) =>
        F(item, new ItemCounted(item, A, result, book, verified, null, "清查", stamp.BusinessDate, stamp));
}
