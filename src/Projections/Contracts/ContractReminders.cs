using NodaTime;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Resources;
using Sanzi.Projections.Leads;

namespace Sanzi.Projections.Contracts;

/// <summary>
/// One resource contract (承包/租赁合同) as the reminder lists it: its term and rent, how many days it has left, and the
/// rent of its current contract year against what was booked from the contractor (511 发包及上交收入).
/// </summary>
public sealed record ContractLine(
    string UnitCode, Guid ResourceId, string Contractor, string ContractNumber, LocalDate From, LocalDate To, decimal AnnualRent,
    int DaysLeft, bool ExpiresSoon, LocalDate? YearFrom, decimal RentDue, decimal RentBooked, decimal Arrears)
{
    public bool InArrears => Arrears > 0;
}

/// <summary>
/// Contracts that remind (合同到期与欠租提醒): which run out within <c>Leads__ContractReminderDays</c> (90) and which are in
/// arrears for the contract year under way, its rent being due at the year's start and unpaid
/// <c>Leads__RentGraceDays</c> (30) later. Completed years short of rent are <see cref="OffBookIncome"/>'s. Pure.
/// </summary>
public static class ContractReminders
{
    public static IReadOnlyList<ContractLine> Build(IEnumerable<ResourceContracted> contracts, IReadOnlyList<ReceiptRecorded> receipts,
        LocalDate today, LeadThresholds thresholds) =>
        contracts.Where(c => c.To >= today).Select(c => Line(c, receipts, today, thresholds))
            .OrderBy(l => l.DaysLeft).ThenBy(l => l.UnitCode, StringComparer.Ordinal).ToList();

    private static ContractLine Line(ResourceContracted c, IReadOnlyList<ReceiptRecorded> receipts, LocalDate today, LeadThresholds thresholds)
    {
        var daysLeft = Period.Between(today, c.To, PeriodUnits.Days).Days;
        var year = CurrentYear(c, today);
        // Due only once the grace has passed, and only for a year the ledger saw begin: older years were paid into other books.
        var due = year is { } start && start.PlusDays(thresholds.RentGraceDays) <= today && start >= c.Stamp.BusinessDate ? c.AnnualRent : 0m;
        var booked = year is { } from
            ? receipts.Where(r => r.UnitCode == c.UnitCode && r.AccountCode == ChartCodes.ContractIncome && r.Payer.Trim() == c.Contractor.Trim()
                                  && r.Stamp.BusinessDate >= from && r.Stamp.BusinessDate <= today).Sum(r => r.Amount)
            : 0m;
        return new ContractLine(c.UnitCode, c.ResourceId, c.Contractor, c.ContractNumber, c.From, c.To, c.AnnualRent, daysLeft,
            daysLeft <= thresholds.ContractReminderDays, year, due, booked, Math.Max(0m, due - booked));
    }

    /// <summary>The start of the contract year under way on <paramref name="today"/>, or none before the contract begins.</summary>
    private static LocalDate? CurrentYear(ResourceContracted c, LocalDate today)
    {
        if (today < c.From) return null;
        var years = Period.Between(c.From, today, PeriodUnits.Years).Years;
        return c.From.PlusYears(years);
    }
}
