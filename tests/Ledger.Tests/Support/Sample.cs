using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Tests.Support;

/// <summary>Fresh division codes and ready-made requests, so tests never share books by accident.</summary>
public static class Sample
{
    private static int _next = Random.Shared.Next(1_000_000, 9_000_000);

    public static string TownshipCode() => "36" + Interlocked.Increment(ref _next).ToString("D7");

    public static string VillageCode() => TownshipCode() + "2" + Random.Shared.Next(0, 100).ToString("D2");

    public static string Today() => Ledger.Common.Stamp.DayOf(SystemClock.Instance.GetCurrentInstant()).ToString("yyyy-MM-dd", null);

    /// <summary>The power company in the tests' county counterparty register (configuration Leads:Counterparties).</summary>
    public const string Utility = "国网某县供电公司";

    public static string Key() => Guid.NewGuid().ToString("N");

    public static Stamp Stamp(Instant? at = null) => new("test-clerk", at ?? SystemClock.Instance.GetCurrentInstant(),
        Ledger.Common.Stamp.DayOf(at ?? SystemClock.Instance.GetCurrentInstant()));

    public static object Reform(string oldCode, string newCode) => new
    {
        idempotencyKey = Key(),
        title = "青山镇并入临河镇",
        approvalDocument = "赣府字〔2026〕18号",
        approvedOn = "2026-11-01",
        plannedFreezeDate = "2026-11-30",
        predecessors = new[] { new { code = oldCode, name = "青山镇" } },
        successors = new[] { new { code = newCode, name = "临河镇" } },
    };

    public static object Vehicle(string? key = null, decimal originalValue = 86_000.00m) => new
    {
        idempotencyKey = key ?? Key(),
        category = "vehicle",
        name = "皮卡车",
        quantity = 1,
        measureUnit = "辆",
        originalValue,
        acquiredOn = "2019-05-01",
        location = "镇政府大院",
    };

    public static object Freeze() => new { idempotencyKey = Key(), document = "临政发〔2026〕40号" };
}
