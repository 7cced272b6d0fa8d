using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Funds;

/// <summary>A payment (付款) from a cash or bank account, under an approval; after a freeze only with an exception (特批).</summary>
public sealed record RecordPayment(
    string IdempotencyKey,
    decimal? Amount,
    string? PayeeName,
    string? PayeeType,
    string? PayeeAccount,
    string? Purpose,
    string? AccountCode,
    string? VoucherNumber,
    ApprovalInput? Approval,
    string? ResolutionReference,
    Guid? ExceptionId,
    LocalDate? BusinessDate,
    string? CorrectionReason = null) : ILedgerCommand<Guid, ItemPosition>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .Amount(Amount, "amount", positive: true)
        .Required(PayeeName, "payeeName", 100)
        .OneOf<HolderType>(PayeeType, "payeeType")
        .Required(Purpose, "purpose", 200)
        .Required(AccountCode, "accountCode", 10)
        .Required(VoucherNumber, "voucherNumber", 50)
        .Approval(Approval, "approval")
        .Check(AccountCode != ChartOfAccounts.Distribution || !string.IsNullOrWhiteSpace(ResolutionReference), "resolutionReference",
            "is required for a distribution to members (322 收益分配)");

    public PaymentRecorded Decide(UnitBook unit, Item account, ExceptionApproved? exception, Stamp stamp)
    {
        if (account.Kind != ItemKind.Fund) throw Refused.Conflict($"Item {account.ItemCode} is not a cash or bank account.");
        unit.EnsureOutflowAllowed(stamp, "a payment", ExceptionScope.Payment, Amount!.Value, exception);
        Accounts.EnsureInChart(AccountCode!, stamp.BusinessDate);
        if (Amount > account.Value)
            throw Refused.Conflict($"The payment of {Amount:0.00} would overdraw {account.Name} ({account.ItemCode}), whose balance is {account.Value:0.00}.");
        return new PaymentRecorded(account.Id, unit.Code, Amount.Value,
            new Payee(PayeeName!, ApiNames.Parse<HolderType>(PayeeType!), PayeeAccount), Purpose!, AccountCode!, VoucherNumber!,
            Approval!.ToApproval(), ResolutionReference, exception?.ExceptionId, stamp);
    }

    public async Task<ItemPosition> Handle(IDocumentSession session, Guid accountId, Stamp stamp, CancellationToken ct)
    {
        var account = await session.ItemForWritingAsync(accountId, ct);
        var unit = await session.UnitAsync(account.Aggregate!.UnitCode, ct);
        var payment = Decide(unit, account.Aggregate, await session.ExceptionAsync(unit, ExceptionId, ct), stamp);
        account.AppendOne(payment);
        return new ItemPosition(accountId, unit.Code, account.Aggregate.Value - payment.Amount, ItemStatus.InUse);
    }
}
