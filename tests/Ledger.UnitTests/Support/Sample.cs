using NodaTime;
using NodaTime.Testing;
using Sanzi.Ledger.Common;

namespace Sanzi.UnitTests.Support;

/// <summary>Stamps and keys for decision tests, read from a clock that never moves, so a run at midnight decides like any other.</summary>
public static class Sample
{
    /// <summary>Never advanced: tests run in parallel and share it; a test that needs another moment passes its own instant.</summary>
    public static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 2, 0));

    public static Instant Now => Clock.GetCurrentInstant();

    public static string Key() => Guid.NewGuid().ToString("N");

    public static Stamp Stamp(Instant? at = null) => new("test-clerk", at ?? Now, Ledger.Common.Stamp.DayOf(at ?? Now));
}
