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

    /// <summary>
    /// Not a threshold: how many events the daemon hands the inspection projection at once. Any size judges
    /// alike, as a batch ending inside a commit is judged with the rest of that commit.
    /// </summary>
    public int BatchSize { get; init; } = 500;
}
