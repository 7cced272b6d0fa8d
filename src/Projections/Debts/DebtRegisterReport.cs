using System.Globalization;
using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;

namespace Sanzi.Projections.Debts;

/// <summary>One claim or liability in the register: locked, moved since, now; <see cref="ChangedAfterLock"/> marks any change.</summary>
public sealed record DebtRegisterLine(
    Guid ItemId,
    string ItemCode,
    DebtKind Kind,
    string Status,
    LocalDate? LockedAsOf,
    decimal? LockedBalance,
    decimal MovedSinceLock,
    decimal CurrentBalance,
    bool ChangedAfterLock,
    IReadOnlyList<DebtMovement> MovementsSinceLock);

/// <summary>Everything the unit owes to or is owed by one counterparty, on one side.</summary>
public sealed record Counterparty(
    string Name,
    ItemKind Side,
    HolderType Type,
    decimal? LockedBalance,
    decimal CurrentBalance,
    bool ChangedAfterLock,
    IReadOnlyList<DebtRegisterLine> Lines);

/// <summary>
/// The register of claims and debts (债权债务清单) of a unit, per counterparty: the balance locked at the debt
/// lock (锁定债务余额), the movements since, the balance now, and every change after the lock marked.
/// </summary>
public sealed record DebtRegisterReport(
    string UnitCode,
    string UnitName,
    string? AsOf,
    Instant? KnownAt,
    LocalDate? LockedAsOf,
    IReadOnlyList<Counterparty> Counterparties,
    Ownership Book) : IReport
{
    /// <summary>
    /// Now, the lines the projection keeps listed for the unit (<see cref="DebtRegisterLines.LoadAsync"/>) and nothing else;
    /// at another time, the records as they stood, each line replayed to that time.
    /// </summary>
    public static async Task<DebtRegisterReport> LoadAsync(IQuerySession session, string code, ReportTime time, Ownership? book, CancellationToken ct)
    {
        if (!time.IsNow) return await AtAsync(session, await UnitRecords.LoadAsync(session, code, time, ct, book), ct);
        var totals = await UnitTotals.LoadAsync(session, code, book, ct);
        return Build(totals.Unit, time, totals.Book, await DebtRegisterLines.LoadAsync(session, totals, ct));
    }

    private static async Task<DebtRegisterReport> AtAsync(IQuerySession session, UnitRecords records, CancellationToken ct)
    {
        var debts = records.Lines.Where(l => l.Item.Kind is ItemKind.Claim or ItemKind.Liability).ToList();
        var lines = await Replay.AtAsync<DebtLine>(session, debts.Select(l => l.Item.Id).Append(records.Unit.Id), records.Time, ct,
            typeof(DebtRecorded), typeof(DebtIncreased), typeof(DebtReduced), typeof(DebtsLocked));
        var byId = lines.ToDictionary(l => l.Id);
        return Build(records.Unit, records.Time, records.Book, debts.Select(d =>
        {
            var line = byId[d.Item.Id];
            return new DebtEntry(line.Side, line.Counterparty, line.CounterpartyType, Line(d.Status, line, records.Unit.Code));
        }).ToList());
    }

    private static DebtRegisterReport Build(UnitBook unit, ReportTime time, Ownership book, IReadOnlyList<DebtEntry> debts)
    {
        var counterparties = debts
            .OrderBy(d => d.Line.ItemCode, StringComparer.Ordinal).ThenBy(d => d.Line.ItemId)
            .GroupBy(d => (d.Side, d.Counterparty))
            .OrderBy(g => g.Key.Side).ThenBy(g => g.Key.Counterparty, StringComparer.Ordinal)
            .Select(g =>
            {
                var lines = g.Select(d => d.Line).ToList();
                var locked = lines.Any(l => l.LockedBalance is not null) ? lines.Sum(l => l.LockedBalance ?? 0m) : (decimal?)null;
                return new Counterparty(g.Key.Counterparty, g.Key.Side, g.First().CounterpartyType, locked, lines.Sum(l => l.CurrentBalance),
                    lines.Any(l => l.ChangedAfterLock), lines);
            })
            .ToList();
        return new DebtRegisterReport(unit.Code, unit.Name, time.AsOf, time.KnownAt, unit.DebtsLockedAsOf, counterparties, book);
    }

    /// <summary>A line as the given unit's register shows it: the lock that counts for that unit, and what moved since.</summary>
    public static DebtRegisterLine Line(string status, DebtLine line, string unitCode)
    {
        var locked = line.LockFor(unitCode);
        var since = locked is null ? [] : line.Movements.Skip(locked.MovementsBefore).ToList();
        return new DebtRegisterLine(line.Id, line.ItemCode, line.Kind, status, locked?.AsOf, locked?.Balance, since.Sum(m => m.Amount),
            line.Balance, since.Count > 0, since);
    }

    public string FileName() => $"债权债务清单-{UnitCode}-{BookOf.ChineseName(Book)}";

    public Filing Filing() =>
        new("债权债务清单", $"{UnitName}（{UnitCode}）", Reports.Filing.Day(AsOf), Reports.Filing.UnitSigners);

    public IReadOnlyList<Table> Tables() =>
    [
        new("债权债务清单",
        [
            new("债权/债务"), new("往来单位或个人"), new("编号"), new("类别"), new("锁定日"), new("锁定余额", CellKind.Money),
            new("锁定后变动", CellKind.Money), new("当前余额", CellKind.Money), new("锁定后有变动"), new("变动明细"),
        ],
        Counterparties.SelectMany(c => c.Lines.Select(l => new object?[]
        {
            Texts.Kind(c.Side), c.Name, l.ItemCode, Ledger.Debts.DebtKinds.ChineseName(c.Side, l.Kind), Texts.Date(l.LockedAsOf),
            l.LockedBalance, l.MovedSinceLock, l.CurrentBalance, l.ChangedAfterLock ? "是" : "否",
            string.Join("；", l.MovementsSinceLock.Select(m =>
                string.Create(CultureInfo.InvariantCulture, $"{Texts.Date(m.On)} {MovementName(m.Kind)} {m.Amount:0.00} {m.Document}"))),
        })).ToList()),
    ];

    private static string MovementName(string kind) => kind switch
    {
        "increase" => "增加",
        "collection" => "收回",
        "repayment" => "偿还",
        _ => "核销",
    };
}
