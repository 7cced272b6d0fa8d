using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Debts;

/// <summary>What a claim or liability is: 应收款, 应付款, 借款 or 内部往来.</summary>
public enum DebtKind
{
    Receivable,
    Payable,
    Loan,
    Internal,
}

/// <summary>How a balance went down: a collection of a claim, a repayment of a liability, or an approved write-off (核销).</summary>
public enum Reduction
{
    Collection,
    Repayment,
    WriteOff,
}

/// <summary>A claim (债权) or liability (债务) against one counterparty entered the books.</summary>
public sealed record DebtRecorded(
    Guid DebtId,
    string UnitCode,
    string ItemCode,
    Ownership Ownership,
    ItemKind Side,
    DebtKind Kind,
    string Counterparty,
    HolderType CounterpartyType,
    decimal Amount,
    LocalDate? DueOn,
    string Document,
    Guid? ExceptionId,
    Stamp Stamp) : ILedgerEvent;

/// <summary>A balance grew: more owed to or by the counterparty.</summary>
public sealed record DebtIncreased(
    Guid DebtId,
    string UnitCode,
    decimal Amount,
    string Reason,
    string Document,
    Guid? ExceptionId,
    Stamp Stamp) : ILedgerEvent;

/// <summary>A balance went down by a collection, a repayment or an approved write-off.</summary>
public sealed record DebtReduced(
    Guid DebtId,
    string UnitCode,
    decimal Amount,
    Reduction How,
    string Document,
    Approval? Approval,
    Stamp Stamp) : ILedgerEvent;

/// <summary>One counterparty balance as locked (锁定债务余额).</summary>
public sealed record LockedBalance(Guid DebtId, string ItemCode, ItemKind Side, string Counterparty, decimal Balance);

/// <summary>The unit's claim and debt balances were locked as of a date (锁定债务余额), item by item.</summary>
public sealed record DebtsLocked(
    string UnitCode,
    Guid ReformId,
    LocalDate AsOf,
    IReadOnlyList<LockedBalance> Balances,
    Stamp Stamp) : ILedgerEvent;
