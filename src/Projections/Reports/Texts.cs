using System.Globalization;
using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Projections.Reports;

/// <summary>How the reports write dates, instants and names for people: Chinese dates in Beijing time, Chinese labels. JSON keeps ISO.</summary>
public static class Texts
{
    /// <summary>2024年2月1日</summary>
    public static string? Date(LocalDate? date) =>
        date is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日") : null;

    /// <summary>2026年4月1日 08:00:00, Beijing time.</summary>
    public static string? Local(Instant? instant) =>
        instant?.InZone(Stamp.Zone) is { } t ? string.Create(CultureInfo.InvariantCulture, $"{Date(t.Date)} {t.TimeOfDay:HH:mm:ss}") : null;

    public static string Kind(ItemKind kind) => kind switch
    {
        ItemKind.Asset => "资产",
        ItemKind.Resource => "资源",
        ItemKind.Fund => "资金",
        ItemKind.Claim => "债权",
        _ => "债务",
    };
}
