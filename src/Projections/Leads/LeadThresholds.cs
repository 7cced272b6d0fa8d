namespace Sanzi.Projections.Leads;

/// <summary>
/// The configurable thresholds of the red-flag rules (configuration section <c>Leads</c>). The defaults are
/// the domain brief's (§4) except <see cref="WriteDownShare"/>, which the brief leaves open.
/// </summary>
public sealed record LeadThresholds
{
    public const string Section = "Leads";

    /// <summary>Rush spending: the days before the freeze day whose outflows are compared with the baseline.</summary>
    public int RushWindowDays { get; init; } = 30;

    /// <summary>Rush spending: the months before that window whose monthly average is the unit's own baseline.</summary>
    public int RushBaselineMonths { get; init; } = 6;

    /// <summary>Rush spending: how many times the monthly baseline the window may reach before it is a lead.</summary>
    public decimal RushFactor { get; init; } = 2m;

    /// <summary>Split payments: how many days apart payments to one payee may be to count as one payment.</summary>
    public int SplitWindowDays { get; init; } = 7;

    /// <summary>Split payments: the approval threshold each part stays under while together they reach it.</summary>
    public decimal ApprovalThreshold { get; init; } = 1_000m;

    /// <summary>Split payments: the higher approval threshold (e.g. the township's), checked the same way.</summary>
    public decimal HigherApprovalThreshold { get; init; } = 10_000m;

    /// <summary>Large cash (大额现金): a cash payment above this.</summary>
    public decimal CashPaymentLimit { get; init; } = 1_000m;

    /// <summary>Large cash (大额现金): cash on hand above this.</summary>
    public decimal CashOnHandLimit { get; init; } = 5_000m;

    /// <summary>Write-downs: the share of an item's book value a count may cut without an approval before it is a lead.</summary>
    public decimal WriteDownShare { get; init; } = 0.10m;

    /// <summary>Shared payees: how many units of one reform paying the same payee make a lead.</summary>
    public int SharedPayeeUnits { get; init; } = 2;

    /// <summary>Hospitality and gifts (招待送礼): words in a payment's purpose that make it one.</summary>
    public IReadOnlyList<string> HospitalityWords { get; init; } = ["招待", "宴请", "接待", "餐费", "礼品", "礼金", "烟酒", "购物卡", "慰问品", "土特产"];

    /// <summary>Pay rises (突击涨薪): how much more than a person's previous pay (211) a payment may be before it is a lead.</summary>
    public decimal PayRiseShare { get; init; } = 0.10m;

    /// <summary>Rush hiring: how many months before the plan a payee must have been paid wages (211) not to be new.</summary>
    public int PayrollHistoryMonths { get; init; } = 6;

    /// <summary>Bonuses (滥发奖金): words in the purpose of a wage or welfare payment (211/212) that make it a one-off.</summary>
    public IReadOnlyList<string> BonusWords { get; init; } = ["奖金", "奖励", "补贴", "津贴", "过节费", "慰问金", "福利"];

    /// <summary>坐收坐支: the days within which a cash receipt must be banked (deposited, a cash payment on 102).</summary>
    public int BankingDays { get; init; } = 3;

    /// <summary>Off-book income (账外账): the share of a contract year's rent that may be missing from the booked receipts.</summary>
    public decimal RentShortfallShare { get; init; } = 0.10m;

    /// <summary>Rent in arrears (欠缴租金): days after a contract year begins before its unpaid rent is arrears.</summary>
    public int RentGraceDays { get; init; } = 30;

    /// <summary>Contracts that remind: a contract running out within this many days is listed as expiring (即将到期).</summary>
    public int ContractReminderDays { get; init; } = 90;

    /// <summary>Cheap leases: rent per 亩 below this share of the reference (county rent or peers' median) is a lead.</summary>
    public decimal CheapLeaseShare { get; init; } = 0.5m;

    /// <summary>Cheap leases: how many other contracts of one land type make a peers' median.</summary>
    public int CheapLeasePeers { get; init; } = 3;

    /// <summary>Cheap leases: the county's reference rent per 亩 and year by land type (GB/T 21010 names as in the API), used before the peers' median.</summary>
    public IReadOnlyDictionary<string, decimal> ReferenceRentPerMu { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The county's counterparty register: public utilities, government bodies and banks, and known individuals.</summary>
    public IReadOnlyList<CounterpartyEntry> Counterparties { get; init; } = [];

    /// <summary>
    /// Not a threshold: how many events the daemon hands the inspection projection at once. Any size judges
    /// alike, as the events of a commit that a batch ends inside are judged with the rest of that commit.
    /// </summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Not a threshold: how many reforms (or lone units) the inspection projection keeps in memory between batches.</summary>
    public int HeldScopes { get; init; } = 256;
}
