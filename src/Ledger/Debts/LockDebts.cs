using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Debts;

/// <summary>
/// Locks every claim and liability balance of a frozen unit as of a date (锁定债务余额), item by item,
/// so that later growth of a liability or loss of a claim shows against the locked figure.
/// </summary>
public sealed record LockDebts(string IdempotencyKey, LocalDate? AsOf, LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, LocalDate? AsOf, LocalDate? BusinessDate) : ICommandRequest<LockDebts>
    {
        public LockDebts Validate()
        {
            new Rules().IdempotencyKey(IdempotencyKey).ThrowIfBroken();
            return new(IdempotencyKey!, AsOf, BusinessDate);
        }
    }

    public DebtsLocked Decide(UnitBook unit, IReadOnlyList<Item> items, Stamp stamp)
    {
        unit.EnsureStage(unit.IsFrozenFor(stamp), "locking the debts", "the freeze");
        if (unit.DebtsLockedAsOf is { } locked) throw Refused.Conflict($"The debts of {unit.Code} were already locked as of {locked}.");
        var asOf = AsOf ?? stamp.BusinessDate;
        if (asOf > stamp.RecordedOn) throw Refused.Invalid("asOf", "may not be in the future");
        unit.EnsureInOrder(asOf, "asOf", "the debt lock");

        var balances = items
            .Where(i => i.Kind is ItemKind.Claim or ItemKind.Liability && i.IsHeld)
            .Select(i => new LockedBalance(i.Id, i.ItemCode, i.Kind, i.Counterparty ?? i.Name, i.Value))
            .ToList();
        return new DebtsLocked(unit.Code, unit.ReformId!.Value, asOf, balances, stamp.On(asOf));
    }
}
