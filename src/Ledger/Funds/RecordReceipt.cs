using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Funds;

/// <summary>Money comes into a cash or bank account (收款). Receipts stay allowed after a freeze.</summary>
public sealed record RecordReceipt(
    string IdempotencyKey,
    decimal Amount,
    string Payer,
    HolderType PayerType,
    string Purpose,
    string AccountCode,
    string VoucherNumber,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        decimal? Amount,
        string? Payer,
        HolderType? PayerType,
        string? Purpose,
        string? AccountCode,
        string? VoucherNumber,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<RecordReceipt>
    {
        public RecordReceipt Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Amount(Amount, "amount", positive: true)
                .Required(Payer, "payer", 100)
                .OneOf(PayerType, "payerType")
                .Required(Purpose, "purpose", 200)
                .Required(AccountCode, "accountCode", 10)
                .Required(VoucherNumber, "voucherNumber", 50)
                .ThrowIfBroken();
            return new(IdempotencyKey!, Amount!.Value, Payer!, PayerType!.Value, Purpose!, AccountCode!, VoucherNumber!, BusinessDate,
                CorrectionReason);
        }
    }

    public ReceiptRecorded Decide(UnitBook unit, Item account, Stamp stamp)
    {
        if (account.Kind != ItemKind.Fund) throw Refused.Conflict($"Item {account.ItemCode} is not a cash or bank account.");
        unit.EnsureWritable(stamp, "recording a receipt");
        ChartOfAccounts.EnsureInChart(AccountCode, stamp.BusinessDate, account.Ownership);
        return new ReceiptRecorded(account.Id, unit.Code, Amount, Payer, PayerType, Purpose, AccountCode, VoucherNumber, stamp);
    }
}
