using NodaTime;
using NodaTime.Text;
using Sanzi.Ledger.Common;

namespace Sanzi.Projections.Reports;

/// <summary>How the reports write instants and names for people: Beijing time, Chinese labels.</summary>
public static class Texts
{
    private static readonly ZonedDateTimePattern Beijing = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss", null);

    public static string? Local(Instant? instant) => instant is { } i ? Beijing.Format(i.InZone(Stamp.Zone)) : null;

    public static string Kind(ItemKind kind) => kind switch
    {
        ItemKind.Asset => "资产",
        ItemKind.Resource => "资源",
        ItemKind.Fund => "资金",
        ItemKind.Claim => "债权",
        _ => "债务",
    };
}
