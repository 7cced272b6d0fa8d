using System.Globalization;
using NodaTime;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Leads;

/// <summary>How leads write for people: amounts as ¥1,234.00, days as the reports write them (2026年4月1日).</summary>
public static class LeadText
{
    public static string Yuan(decimal amount) => "¥" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Day(LocalDate day) => Texts.Date(day)!;
}
