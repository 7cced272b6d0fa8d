using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;

namespace Sanzi.Projections.Debts;

/// <summary>A change of a claim's or liability's balance: an increase, a collection, a repayment or a write-off (核销).</summary>
public sealed record DebtMovement(string UnitCode, string Kind, decimal Amount, LocalDate On, Instant RecordedAt, string Document);

/// <summary>The balance a unit locked (锁定债务余额), and how many movements came before the lock.</summary>
public sealed record DebtLock(string UnitCode, LocalDate AsOf, Instant LockedAt, decimal Balance, int MovementsBefore);

/// <summary>
/// One claim (债权) or liability (债务) against one counterparty, with every movement and every lock in
/// the order they happened, so that a register can show what changed after the lock without replaying.
/// </summary>
public sealed record DebtLine(
    Guid Id,
    string UnitCode,
    string ItemCode,
    ItemKind Side,
    DebtKind Kind,
    string Counterparty,
    HolderType CounterpartyType,
    decimal Balance,
    IReadOnlyList<DebtMovement> Movements,
    IReadOnlyList<DebtLock> Locks)
{
    public static DebtLine Recorded(DebtRecorded e) =>
        new(e.DebtId, e.UnitCode, e.ItemCode, e.Side, e.Kind, e.Counterparty, e.CounterpartyType, e.Amount, [], []);

    public DebtLine Moved(string unitCode, string kind, decimal delta, string document, Stamp stamp) => this with
    {
        Balance = Balance + delta,
        Movements = [.. Movements, new DebtMovement(unitCode, kind, delta, stamp.BusinessDate, stamp.RecordedAt, document)],
    };

    public DebtLine Locked(DebtsLocked e) => this with
    {
        Locks = [.. Locks, new DebtLock(e.UnitCode, e.AsOf, e.Stamp.RecordedAt, e.Balances.Single(b => b.DebtId == Id).Balance, Movements.Count)],
    };

    /// <summary>The lock that counts for a unit's register: its own, else the last one before the line came to it.</summary>
    public DebtLock? LockFor(string unitCode) => Locks.LastOrDefault(l => l.UnitCode == unitCode) ?? Locks.LastOrDefault();
}
