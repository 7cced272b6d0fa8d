using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Funds;

/// <summary>Money comes into a cash or bank account (收款). Receipts stay allowed after a freeze.</summary>
public sealed record RecordReceipt(
    string IdempotencyKey,
    decimal? Amount,
    string? Payer,
    string? PayerType,
    string? Purpose,
    string? AccountCode,
    string? VoucherNumber,
    LocalDate? BusinessDate,
    string? CorrectionReason = null) : ILedgerCommand<Guid, ItemPosition>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .Amount(Amount, "amount", positive: true)
        .Required(Payer, "payer", 100)
        .OneOf<HolderType>(PayerType, "payerType")
        .Required(Purpose, "purpose", 200)
        .Required(AccountCode, "accountCode", 10)
        .Required(VoucherNumber, "voucherNumber", 50);

    public ReceiptRecorded Decide(UnitBook unit, Item account, Stamp stamp)
    {
        if (account.Kind != ItemKind.Fund) throw Refused.Conflict($"Item {account.ItemCode} is not a cash or bank account.");
        unit.EnsureWritable(stamp, "recording a receipt");
        Accounts.EnsureInChart(AccountCode!, stamp.BusinessDate);
        return new ReceiptRecorded(account.Id, unit.Code, Amount!.Value, Payer!, ApiNames.Parse<HolderType>(PayerType!), Purpose!,
            AccountCode!, VoucherNumber!, stamp);
    }

    public async Task<ItemPosition> Handle(IDocumentSession session, Guid accountId, Stamp stamp, CancellationToken ct)
    {
        var account = await session.ItemForWritingAsync(accountId, ct);
        var unit = await session.UnitAsync(account.Aggregate!.UnitCode, ct);
        var receipt = Decide(unit, account.Aggregate, stamp);
        account.AppendOne(receipt);
        return new ItemPosition(accountId, unit.Code, account.Aggregate.Value + receipt.Amount, ItemStatus.InUse);
    }
}

public static class Accounts
{
    public static void EnsureInChart(string code, LocalDate on)
    {
        var chart = ChartOfAccounts.InForceOn(on);
        if (!chart.Accounts.ContainsKey(code))
            throw Refused.Invalid("accountCode", $"is not an account of the chart in force on {on} ({chart.Rule})");
    }
}
