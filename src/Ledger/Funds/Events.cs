using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Funds;

/// <summary>Cash on hand (库存现金) or a bank account (银行存款).</summary>
public enum FundKind
{
    Cash,
    Bank,
}

/// <summary>Who receives a payment and who holds their account.</summary>
public sealed record Payee(string Name, HolderType Type, string? Account);

/// <summary>A unit entered a cash or bank account in its books with its opening balance.</summary>
public sealed record FundAccountOpened(
    Guid AccountId,
    string UnitCode,
    string ItemCode,
    Ownership Ownership,
    FundKind Kind,
    string Name,
    string? BankName,
    string? AccountNumber,
    HolderType Holder,
    decimal OpeningBalance,
    Stamp Stamp) : ILedgerEvent;

/// <summary>Money came into the account (收款).</summary>
public sealed record ReceiptRecorded(
    Guid AccountId,
    string UnitCode,
    decimal Amount,
    string Payer,
    HolderType PayerType,
    string Purpose,
    string AccountCode,
    string VoucherNumber,
    Stamp Stamp) : ILedgerEvent;

/// <summary>Money left the account (付款) to a payee, under an approval; after a freeze only with an exception (特批).</summary>
public sealed record PaymentRecorded(
    Guid AccountId,
    string UnitCode,
    decimal Amount,
    Payee Payee,
    string Purpose,
    string AccountCode,
    string VoucherNumber,
    Approval Approval,
    string? ResolutionReference,
    Guid? ExceptionId,
    Stamp Stamp) : ILedgerEvent;

/// <summary>How money moves between two accounts of one unit: 提现 (bank to cash), 存现 (cash to bank), or between two banks.</summary>
public enum AccountTransferKind
{
    Withdrawal,
    Deposit,
    BetweenBanks,
}

/// <summary>
/// Money moved between two accounts of the same unit and book: no payment, no receipt, and no total changes. The one
/// event is recorded on both accounts' streams, so each account's balance stands on its own stream.
/// </summary>
public sealed record FundsMovedBetweenAccounts(
    Guid FromAccountId,
    Guid ToAccountId,
    string UnitCode,
    AccountTransferKind Kind,
    decimal Amount,
    string VoucherNumber,
    string? Purpose,
    Stamp Stamp) : ILedgerEvent;
