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

    /// <summary>
    /// The line as the register of now prints it (<see cref="DebtPrint"/>), for each unit that locked it and, under "", for any
    /// other unit (which counts the line's last lock). Kept in the document by every path that writes it (the projection, the
    /// import's COPY), so the register of now copies its lines instead of building and serialising them.
    /// </summary>
    public IReadOnlyDictionary<string, DebtPrint> Printed =>
        Locks.Select(l => l.UnitCode).Append("").Distinct().ToDictionary(u => u, u => DebtPrint.Of(DebtRegisterReport.Line(DebtPrint.Status, this, u)));

    /// <summary>The lock that counts for a unit's register: its own, else the last one before the line came to it.</summary>
    public DebtLock? LockFor(string unitCode) => Locks.LastOrDefault(l => l.UnitCode == unitCode) ?? Locks.LastOrDefault();
}

/// <summary>
/// A register line pre-serialised as the API writes it, its status left as <see cref="Status"/> for the unit's own to be put in
/// (the same line is in use in one unit's books and handed over in another's), with what its counterparty's sums need.
/// </summary>
public sealed record DebtPrint(string Json, decimal? LockedBalance, bool ChangedAfterLock)
{
    /// <summary>A status no line has, found once in the JSON: the serializer escapes every quote inside a value.</summary>
    public const string Status = "";

    public static readonly string StatusProperty = $"\"status\":\"{Status}\"";

    public static DebtPrint Of(DebtRegisterLine line) =>
        new(System.Text.Json.JsonSerializer.Serialize(line, LedgerJson.Options), line.LockedBalance, line.ChangedAfterLock);

    /// <summary>The line's JSON with the unit's status in it.</summary>
    public static string With(string json, string status)
    {
        var at = json.IndexOf(StatusProperty, StringComparison.Ordinal) + StatusProperty.Length - 1;
        return string.Concat(json.AsSpan(0, at), status, json.AsSpan(at));
    }
}
