using System.Globalization;
using System.Text;
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

    /// <summary>
    /// The line's place in any register, as <see cref="DebtRegisterReport"/> orders lines (side, counterparty, item code, id, the
    /// texts compared ordinally, by UTF-16 code unit), written so that comparing the keys byte by byte (PostgreSQL's collation
    /// "C") gives the same order: the side and each code unit as fixed-width hex, each text closed by <c>0000</c> (below any
    /// code unit a name holds, so a shorter name comes first), then the id as <see cref="Guid.CompareTo(Guid)"/> orders it.
    /// Kept in the document for the kept register (<see cref="DebtRegisterTable"/>) to be read in one ordered range scan.
    /// </summary>
    public string RegisterOrder
    {
        get
        {
            var key = new StringBuilder(8 + 4 * (Counterparty.Length + ItemCode.Length + 2) + 32);
            key.Append(((int)Side).ToString("x8", CultureInfo.InvariantCulture));
            foreach (var text in new[] { Counterparty, ItemCode })
            {
                foreach (var unit in text) key.Append(((int)unit).ToString("x4", CultureInfo.InvariantCulture));
                key.Append("0000");
            }
            return key.Append(Id.ToString("N")).ToString();
        }
    }

    /// <summary>The lock that counts for a unit's register: its own, else the last one before the line came to it.</summary>
    public DebtLock? LockFor(string unitCode) => Locks.LastOrDefault(l => l.UnitCode == unitCode) ?? Locks.LastOrDefault();
}

/// <summary>
/// A register line pre-serialised as the API writes it, its status left as <see cref="Status"/> for the unit's own to be put in
/// (the same line is in use in one unit's books and handed over in another's, <see cref="DebtRegisterTable"/> puts it in),
/// with what its counterparty's sums need.
/// </summary>
public sealed record DebtPrint(string Json, decimal? LockedBalance, bool ChangedAfterLock)
{
    /// <summary>A status no line has, found once in the JSON: the serializer escapes every quote inside a value.</summary>
    public const string Status = "";

    public static readonly string StatusProperty = $"\"status\":\"{Status}\"";

    public static DebtPrint Of(DebtRegisterLine line) =>
        new(System.Text.Json.JsonSerializer.Serialize(line, LedgerJson.Answers), line.LockedBalance, line.ChangedAfterLock);
}
