using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Funds;

/// <summary>A payment (付款) from a cash or bank account, under an approval; after a freeze only with an exception (特批).</summary>
public sealed record RecordPayment(
    string IdempotencyKey,
    decimal Amount,
    Payee Payee,
    string Purpose,
    string AccountCode,
    string VoucherNumber,
    Approval Approval,
    string? ResolutionReference,
    Guid? ExceptionId,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        decimal? Amount,
        string? PayeeName,
        HolderType? PayeeType,
        string? PayeeAccount,
        string? Purpose,
        string? AccountCode,
        string? VoucherNumber,
        ApprovalInput? Approval,
        string? ResolutionReference,
        Guid? ExceptionId,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<RecordPayment>
    {
        public RecordPayment Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Amount(Amount, "amount", positive: true)
                .Required(PayeeName, "payeeName", 100)
                .OneOf(PayeeType, "payeeType")
                .Required(Purpose, "purpose", 200)
                .Required(AccountCode, "accountCode", 10)
                .Required(VoucherNumber, "voucherNumber", 50)
                .Approval(Approval, "approval")
                .Check(AccountCode != ChartOfAccounts.Distribution || DocumentForm.IsResolutionReference(ResolutionReference), "resolutionReference",
                    "must name the members' meeting and the resolution's number for a distribution to members (322 收益分配), e.g. 成员大会决议〔2026〕2号")
                .ThrowIfBroken();
            return new(IdempotencyKey!, Amount!.Value, new Payee(PayeeName!, PayeeType!.Value, PayeeAccount), Purpose!, AccountCode!,
                VoucherNumber!, Approval!.ToApproval(), ResolutionReference, ExceptionId, BusinessDate, CorrectionReason);
        }
    }

    public PaymentRecorded Decide(UnitBook unit, Item account, ExceptionApproved? exception, Stamp stamp)
    {
        if (account.Kind != ItemKind.Fund) throw Refused.Conflict($"Item {account.ItemCode} is not a cash or bank account.");
        unit.EnsureOutflowAllowed(stamp, "a payment", ExceptionScope.Payment, Amount, exception);
        ChartOfAccounts.EnsureInChart(AccountCode, stamp.BusinessDate, account.Ownership);
        if (Amount > account.Value)
            throw Refused.Conflict($"The payment of {Amount:0.00} would overdraw {account.Name} ({account.ItemCode}), whose balance is {account.Value:0.00}.");
        return new PaymentRecorded(account.Id, unit.Code, Amount, Payee, Purpose, AccountCode, VoucherNumber, Approval, ResolutionReference,
            exception?.ExceptionId, stamp);
    }
}
