using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Units;

/// <summary>
/// The books (账套) of one administrative unit, township or village, as its decisions need them:
/// which reform it belongs to and whether it is frozen. Items live in their own streams.
/// </summary>
public sealed record UnitBook(Guid Id, string Code, string Name, UnitLevel Level, Guid? ReformId, Instant? FrozenAt)
{
    public static UnitBook Create(UnitRegistered e) =>
        new(StreamIds.ForUnit(e.Code), e.Code, e.Name, e.Level, ReformId: null, FrozenAt: null);

    public UnitBook Apply(UnitJoinedReform e) => this with { ReformId = e.ReformId };

    public UnitBook Apply(UnitFrozen e) => this with { FrozenAt = e.FrozenAt };

    public bool IsFrozenAt(Instant instant) => FrozenAt is { } frozen && frozen <= instant;

    /// <summary>Refuses an outflow or a new entry once the unit's books are frozen.</summary>
    public void EnsureOpenAt(Instant instant, string what)
    {
        if (IsFrozenAt(instant))
            throw Refused.Conflict(
                $"Unit {Code} ({Name}) has been frozen since {FrozenAt} by reform {ReformId}; {what} is not allowed after the freeze.");
    }
}
