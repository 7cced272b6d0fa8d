using NodaTime;
using NodaTime.Testing;
using Sanzi.Ledger.Common;

namespace Sanzi.Tests.Support;

/// <summary>Fresh division codes and ready-made requests, so tests never share books by accident.</summary>
public static class Sample
{
    private static int _next = Random.Shared.Next(1_000_000, 9_000_000);

    public static string TownshipCode() => "36" + Interlocked.Increment(ref _next).ToString("D7");

    public static string VillageCode() => TownshipCode() + "2" + Random.Shared.Next(0, 100).ToString("D2");

    /// <summary>
    /// The clock of the run's ledger (<see cref="LedgerFixture"/>): it starts at the moment the run starts and moves a
    /// millisecond per reading, so a run across Beijing midnight sees one day, and every recorded instant is distinct.
    /// </summary>
    public static readonly FakeClock Clock = new(SystemClock.Instance.GetCurrentInstant(), Duration.FromMilliseconds(1));

    public static Instant Now() => Clock.GetCurrentInstant();

    public static LocalDate TodayDate() => Ledger.Common.Stamp.DayOf(Now());

    public static string Today() => TodayDate().ToString("yyyy-MM-dd", null);

    /// <summary>The power company in the tests' county counterparty register (configuration Leads:Counterparties).</summary>
    public const string Utility = "国网某县供电公司";

    public static string Key() => Guid.NewGuid().ToString("N");

    public static Stamp Stamp(Instant? at = null)
    {
        var when = at ?? Now();
        return new("test-clerk", when, Ledger.Common.Stamp.DayOf(when));
    }

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

    /// <summary>The county's least notice period for collective assets, the ledger's default.</summary>
    public const int NoticeDays = 7;

    /// <summary>The freeze day of a merger entered after the fact: a month before today.</summary>
    public static LocalDate PastFreezeDay() => TodayDate().PlusDays(-30);

    public static string Iso(LocalDate day) => day.ToString("yyyy-MM-dd", null);

    /// <summary>The declaration's flag for a merger entered from paper books after the fact.</summary>
    public static object AfterTheFact() => new { document = "县合村并组办〔2026〕12号", reason = "纸质账簿补录" };

    /// <summary>A freeze at the first moment of a past Beijing day, for a reform entered after the fact.</summary>
    public static object Freeze(LocalDate day) =>
        new { idempotencyKey = Key(), document = "临政发〔2026〕40号", freezeAt = StartOf(day) };

    /// <summary>The first instant of a Beijing day, as the API takes instants (ISO, UTC).</summary>
    public static string StartOf(LocalDate day) =>
        NodaTime.Text.InstantPattern.ExtendedIso.Format(day.AtStartOfDayInZone(Ledger.Common.Stamp.Zone).ToInstant());

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
