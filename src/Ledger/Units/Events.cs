using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;

namespace Sanzi.Ledger.Units;

/// <summary>A unit became known to the ledger with its division code and name.</summary>
public sealed record UnitRegistered(string Code, string Name, UnitLevel Level, Stamp Stamp) : ILedgerEvent;

/// <summary>The unit was named as a predecessor (撤并单位) of a reform.</summary>
public sealed record UnitJoinedReform(string Code, Guid ReformId, Stamp Stamp, RecordedAfterTheFact? AfterTheFact = null) : ILedgerEvent;

/// <summary>The unit's 三资 were frozen (冻结) and its books closed for ordinary business from an instant on.</summary>
public sealed record UnitFrozen(string Code, Guid ReformId, Instant FrozenAt, Stamp Stamp) : ILedgerEvent;

/// <summary>
/// The unit's division code changed (行政区划代码变更) from a business date, as when a village moves from an old
/// township to the new one under a reform. The old code is retired (已撤销) and never reused; the unit keeps its
/// stream, books and history, and is found by either code.
/// </summary>
public sealed record DivisionCodeChanged(Guid UnitId, string OldCode, string NewCode, LocalDate EffectiveFrom, Guid ReformId, Stamp Stamp)
    : ILedgerEvent;
