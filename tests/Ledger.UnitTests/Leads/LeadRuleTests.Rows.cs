using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Counterparties;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Resources;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Audit;
using Sanzi.Projections.Leads;
using Shouldly;

namespace Sanzi.UnitTests.Leads;

/// <summary>The rules for the rest of the brief's §4 rows, each with a case it must find and a near miss it must not.</summary>
public partial class LeadRuleTests
{
    /// <summary>The unit was named in the plan 60 days before the freeze: the window of gifts, hiring and loans opens.</summary>
    private EventFact Planned() => F(StreamIds.ForUnit(A), new UnitJoinedReform(A, Plan.Id, Before(60)));

    private EventFact Paid(decimal amount, Stamp stamp, string payee, string purpose, string accountCode = "541", string? resolution = null,
        HolderType type = HolderType.Individual, Guid? account = null, Instant? approvedAt = null) =>
        F(account ?? Bank, new PaymentRecorded(account ?? Bank, A, amount, new Payee(payee, type, null), purpose, accountCode, "记-1",
            new Approval("主任", "审批单", approvedAt ?? stamp.RecordedAt), resolution, null, stamp));

    private EventFact Received(decimal amount, Guid account, Stamp stamp, string payer = "村民", string accountCode = "531") =>
        F(account, new ReceiptRecorded(account, A, amount, payer, HolderType.Individual, "收入", accountCode, "收-1", stamp));

    private EventFact Claim(DebtKind kind, string counterparty, HolderType type, decimal amount, Stamp stamp)
    {
        var id = Guid.NewGuid();
        return F(id, new DebtRecorded(id, A, "ZQ", Ownership.Collective, ItemKind.Claim, kind, counterparty, type, amount, null, "借条", null, stamp));
    }

    [Fact]
    public void Hospitality_and_gifts_after_the_plan_are_leads_before_it_or_for_other_purposes_not()
    {
        var lead = Run(new Hospitality(), Planned(), Paid(800m, Before(10), "某酒店", "招待上级检查组餐费", type: HolderType.OutsideUnit),
            Paid(800m, Before(70), "某酒店", "招待餐费", type: HolderType.OutsideUnit), Paid(500m, Before(10), "文具店", "办公用品")).ShouldHaveSingleItem();
        lead.Amount.ShouldBe(800m);
        lead.Flag.ShouldBe("突击花钱（招待送礼）");
        lead.Summary.ShouldContain("¥800.00");
    }

    [Fact]
    public void Wages_to_someone_new_after_the_plan_are_rush_hiring_the_old_staff_are_not()
    {
        var lead = Run(new RushHiring(), Planned(),
            Paid(3_000m, Before(120), "张三", "工资", "211"), Paid(3_000m, Before(90), "张三", "工资", "211"), Paid(3_000m, Before(30), "张三", "工资", "211"),
            Paid(2_500m, Before(30), "李四", "工资", "211"), Paid(2_500m, Before(1), "李四", "工资", "211")).ShouldHaveSingleItem();
        lead.Counterparty.ShouldBe("李四");
        lead.Amount.ShouldBe(5_000m);
    }

    [Fact]
    public void Wages_raised_by_more_than_a_tenth_after_the_plan_are_a_pay_rise()
    {
        var lead = Run(new PayRise(), Planned(),
            Paid(3_000m, Before(90), "张三", "工资", "211"), Paid(3_300m, Before(30), "张三", "工资", "211"),
            Paid(3_000m, Before(90), "王五", "工资", "211"), Paid(3_500m, Before(30), "王五", "工资", "211")).ShouldHaveSingleItem();
        lead.Counterparty.ShouldBe("王五");
        lead.Threshold.ShouldBe(3_300m);
    }

    [Fact]
    public void One_off_allowances_on_wages_or_welfare_after_the_plan_are_bonuses()
    {
        Run(new Bonus(), Planned(), Paid(600m, Before(30), "张三", "中秋过节费", "212"), Paid(600m, Before(90), "张三", "春节过节费", "212"),
            Paid(600m, Before(30), "张三", "奖金", "541"), Paid(3_000m, Before(30), "张三", "工资", "211")).ShouldHaveSingleItem().Amount.ShouldBe(600m);
    }

    [Fact]
    public void Distributions_without_a_members_resolution_are_dividing_assets()
    {
        var leads = Run(new DividingAssets(),
            Paid(5_000m, Before(10), "全体成员", "年终分配", "322", type: HolderType.Collective),
            Paid(5_000m, Before(9), "全体成员", "年终分配", "322", "同意", HolderType.Collective),
            Paid(2_000m, Before(8), "村主任张某", "分红", "541"),
            Paid(5_000m, Before(7), "全体成员", "年终分配", "322", "成员大会决议〔2026〕2号", HolderType.Collective),
            Paid(800m, Before(6), "李四", "劳务费"));
        leads.Select(l => l.Amount).ShouldBe([5_000m, 5_000m, 2_000m]);
        leads[1].Summary.ShouldContain("“同意”不是决议文号");
    }

    [Fact]
    public void Cash_received_and_not_banked_within_three_days_is_paying_from_receipts()
    {
        var leads = Run(new ReceiptsNotBanked(), Opened(Cash, FundKind.Cash, 0m),
            Received(2_000m, Cash, Before(20)), Paid(500m, Before(19), "某商店", "零星开支", account: Cash),
            Received(1_000m, Cash, Before(15)), Paid(1_000m, Before(13), "本村农商行账户", "存现", "102", account: Cash, type: HolderType.Collective),
            Received(700m, Cash, Before(2)), Received(5m, Bank, Before(1)));
        var lead = leads.ShouldHaveSingleItem();
        lead.Amount.ShouldBe(2_000m);
        lead.Events.Count.ShouldBe(2);
        lead.Summary.ShouldContain("其间直接支出¥500.00");
    }

    [Fact]
    public void A_cash_count_below_book_or_a_receivable_from_a_person_is_an_iou_for_cash()
    {
        var leads = Run(new IousForCash(), Planned(), Opened(Cash, FundKind.Cash, 3_000m), Opened(Bank, FundKind.Bank, 9_000m), Freeze(),
            F(Cash, new ItemCounted(Cash, A, CountResult.Adjusted, 3_000m, 2_400m, null, "白条两张", Stamp.DayOf(Frozen), After(1))),
            F(Bank, new ItemCounted(Bank, A, CountResult.Adjusted, 9_000m, 8_000m, null, "未达账项", Stamp.DayOf(Frozen), After(1))),
            Claim(DebtKind.Receivable, "张三", HolderType.Individual, 1_500m, Before(90)),
            Claim(DebtKind.Receivable, "李四", HolderType.Individual, 1_000m, Before(30)),
            Claim(DebtKind.Receivable, "某公司", HolderType.OutsideUnit, 4_000m, Before(90)));
        leads.Select(l => l.Amount).ShouldBe([600m, 1_500m]);
    }

    [Fact]
    public void An_account_held_by_a_person_that_holds_collective_money_is_public_money_in_private_hands()
    {
        Guid personal = Guid.NewGuid(), empty = Guid.NewGuid();
        var lead = Run(new PrivateAccount(),
            F(personal, new FundAccountOpened(personal, A, "ZJ", Ownership.Collective, FundKind.Bank, "张三个人卡", "农商行", "6228", HolderType.Individual, 0m, Before(90))),
            F(empty, new FundAccountOpened(empty, A, "ZJ", Ownership.Collective, FundKind.Bank, "李四个人卡", "农商行", "6229", HolderType.Individual, 0m, Before(90))),
            Opened(Bank, FundKind.Bank, 9_000m), Received(3_000m, personal, Before(30), "承包户", "511"), Received(100m, Bank, Before(30))).ShouldHaveSingleItem();
        lead.Amount.ShouldBe(3_000m);
        lead.Events[0].StreamId.ShouldBe(personal);
    }

    [Fact]
    public void A_contract_year_whose_rent_was_not_booked_is_off_book_income()
    {
        var land = Guid.NewGuid();
        var signed = new LocalDate(2023, 1, 1);
        Stamp On(LocalDate day) => At(Instant.FromUtc(day.Year, day.Month, day.Day, 2, 0));
        var leads = Run(new OffBookIncome(),
            F(land, new ResourceRegistered(land, A, "ZY-1", Ownership.Collective, LandType.Cropland, "北坡耕地", 100m, "村北", null, null, 0m, On(signed))),
            F(land, new ResourceContracted(land, A, "王五", HolderType.Individual, "HT-1", signed, new LocalDate(2027, 12, 31), 10_000m, On(signed))),
            Received(9_500m, Bank, On(new LocalDate(2023, 3, 1)), "王五", "511"),
            Received(5_000m, Bank, On(new LocalDate(2024, 3, 1)), "王五", "511"),
            Received(3_000m, Bank, On(new LocalDate(2024, 4, 1)), "王五", "531"),
            Received(1_000m, Bank, On(new LocalDate(2025, 6, 1)), "王五", "511"));
        var lead = leads.ShouldHaveSingleItem();
        lead.Amount.ShouldBe(5_000m);
        lead.Summary.ShouldContain("2024年1月1日至2024年12月31日");
    }

    [Fact]
    public void Rent_per_mu_far_below_the_peers_median_or_the_county_reference_is_a_cheap_lease()
    {
        EventFact[] Lease(decimal rent, decimal area = 10m, LandType type = LandType.Cropland)
        {
            var land = Guid.NewGuid();
            return [F(land, new ResourceRegistered(land, A, "ZY", Ownership.Collective, type, "地块", area, "村北", null, null, 0m, Before(200))),
                F(land, new ResourceContracted(land, A, "承包户", HolderType.Individual, "HT", new LocalDate(2026, 1, 1), new LocalDate(2030, 12, 31), rent, Before(199)))];
        }
        var leads = Run(new CheapLease(), [.. Lease(8_000m), .. Lease(9_000m), .. Lease(10_000m), .. Lease(3_000m), .. Lease(100m, type: LandType.Forest)]);
        leads.ShouldHaveSingleItem().Amount.ShouldBe(300m);

        var county = new LeadThresholds { ReferenceRentPerMu = new Dictionary<string, decimal> { ["forest"] = 50m } };
        new CheapLease().Find(new LeadScope([.. Lease(200m, type: LandType.Forest), .. Lease(300m, type: LandType.Forest)], county, Plan))
            .ShouldHaveSingleItem().Amount.ShouldBe(20m);
    }

    [Fact]
    public void A_claim_on_an_outsider_after_the_plan_is_a_loan_an_old_one_or_one_on_a_collective_is_not()
    {
        Run(new LoanToOutsider(), Planned(), Claim(DebtKind.Receivable, "张三", HolderType.Individual, 20_000m, Before(10)),
            Claim(DebtKind.Receivable, "李四", HolderType.Individual, 9_000m, Before(90)),
            Claim(DebtKind.Receivable, "邻村经济合作社", HolderType.Collective, 4_000m, Before(10)))
            .ShouldHaveSingleItem().Counterparty.ShouldBe("张三");
    }

    [Fact]
    public void A_disposal_whose_resolution_names_no_meeting_and_number_is_without_a_resolution()
    {
        Guid scrapped = Guid.NewGuid(), sold = Guid.NewGuid();
        var lead = Run(new DisposalWithoutResolution(), Asset(scrapped, 4_000m), Asset(sold, 9_000m),
            F(scrapped, new AssetDisposed(scrapped, A, "scrap", 0m, "无", "报废", null, null, Before(5))),
            F(sold, new AssetDisposed(sold, A, "sale", 2_000m, "村民代表会议决议〔2026〕3号", "闲置", "某公司", null, Before(5)))).ShouldHaveSingleItem();
        lead.Amount.ShouldBe(4_000m);
        lead.Events.ShouldHaveSingleItem().Value.ShouldBe(4_000m);
    }

    [Fact]
    public void An_approval_dated_after_the_payment_is_pay_first_paperwork_later()
    {
        var lead = Run(new ApprovalAfterPayment(), Paid(900m, Before(10), "某公司", "维修", approvedAt: Before(5).RecordedAt),
            Paid(900m, Before(10), "某公司", "维修", approvedAt: Before(11).RecordedAt)).ShouldHaveSingleItem();
        lead.Events[0].Approver.ShouldBe("主任");
        lead.Events[0].Purpose.ShouldBe("维修");
    }

    [Fact]
    public void Items_counted_but_not_handed_over_or_handed_over_but_never_counted_are_missing_or_extra()
    {
        Guid kept = Guid.NewGuid(), left = Guid.NewGuid(), added = Guid.NewGuid(), handover = Guid.NewGuid();
        var leads = Run(new MissingOrExtraEntry(), Asset(kept, 1_000m), Asset(left, 2_000m), Freeze(),
            Count(kept, CountResult.Confirmed, 1_000m, 1_000m, After(1)), Count(left, CountResult.Confirmed, 2_000m, 2_000m, After(1)),
            F(kept, new ItemTransferred(kept, handover, A, S, S, 1_000m, After(5))),
            F(added, new ItemTransferred(added, handover, A, S, S, 700m, After(5))),
            F(StreamIds.ForUnit(A), new BooksHandedOver(A, handover, S, 2, [], After(5).RecordedAt, After(5))));
        leads.Select(l => (l.Events[0].StreamId, l.Amount)).ShouldBe([(left, 2_000m), (added, 700m)]);
    }

    [Fact]
    public void Utilities_in_the_counterparty_register_are_no_shared_payee()
    {
        var register = new LeadThresholds { Counterparties = [new CounterpartyEntry("国网某县供电公司", CounterpartyKind.Utility)] };
        EventFact[] facts =
        [
            Pay(300m, Before(5), "国网某县供电公司", unit: A), Pay(280m, Before(5), "国网某县供电公司", unit: B),
            Pay(100m, Before(5), "王五", unit: A), Pay(200m, Before(4), "王五", unit: B),
        ];
        new SharedPayee().Find(new LeadScope(facts, register, Plan)).Select(l => l.Counterparty).Distinct().ShouldBe(["王五"]);
    }
}
