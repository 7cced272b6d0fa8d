using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Funds;

/// <summary>
/// A transfer between two of a unit's own accounts (提现, 存现, between banks): one movement that changes no total,
/// so the red-flag rules don't see a payment and a receipt. Both accounts must be of the same book.
/// </summary>
public sealed record MoveFundsBetweenAccounts(
    string IdempotencyKey,
    Guid ToAccountId,
    AccountTransferKind Kind,
    decimal Amount,
    string VoucherNumber,
    string? Purpose,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        Guid? ToAccountId,
        AccountTransferKind? Kind,
        decimal? Amount,
        string? VoucherNumber,
        string? Purpose,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<MoveFundsBetweenAccounts>
    {
        public MoveFundsBetweenAccounts Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Check(ToAccountId is not null, "toAccountId", "is required")
                .OneOf(Kind, "kind")
                .Amount(Amount, "amount", positive: true)
                .Required(VoucherNumber, "voucherNumber", 50)
                .Check(Purpose is null || Purpose.Length <= 200, "purpose", "must be at most 200 characters")
                .ThrowIfBroken();
            return new(IdempotencyKey!, ToAccountId!.Value, Kind!.Value, Amount!.Value, VoucherNumber!, Purpose, BusinessDate, CorrectionReason);
        }
    }

    public FundsMovedBetweenAccounts Decide(UnitBook unit, Item from, Item? to, Stamp stamp)
    {
        if (to is null) throw Refused.NotFound($"Account {ToAccountId} is not in the ledger.");
        if (to.Kind != ItemKind.Fund || to.Id == from.Id)
            throw Refused.Invalid("toAccountId", "must name another cash or bank account of the same unit");
        if (from.Kind != ItemKind.Fund) throw Refused.Conflict($"Item {from.ItemCode} is not a cash or bank account.");
        if (to.UnitCode != from.UnitCode)
            throw Refused.Conflict($"{to.Name} ({to.ItemCode}) belongs to {to.UnitCode}, not {from.UnitCode}; money leaving the unit is a payment.");
        if (to.Ownership != from.Ownership)
            throw Refused.Conflict($"{from.Name} is in the {BookOf.ChineseName(from.Ownership)} book and {to.Name} in the {BookOf.ChineseName(to.Ownership)} book; the two books never mix.");
        var expected = Kind switch
        {
            AccountTransferKind.Withdrawal => (FundKind.Bank, FundKind.Cash),
            AccountTransferKind.Deposit => (FundKind.Cash, FundKind.Bank),
            _ => (FundKind.Bank, FundKind.Bank),
        };
        if ((from.Category, to.Category) != (ApiNames.Name(expected.Item1), ApiNames.Name(expected.Item2)))
            throw Refused.Invalid("kind", $"a {ApiNames.Name(Kind)} goes from a {ApiNames.Name(expected.Item1)} account to a {ApiNames.Name(expected.Item2)} account");
        unit.EnsureWritable(stamp, "a transfer between accounts");
        if (!from.IsHeld || !to.IsHeld) throw Refused.Conflict("Both accounts must still be in the unit's books.");
        if (Amount > from.Value)
            throw Refused.Conflict($"The transfer of {Amount:0.00} would overdraw {from.Name} ({from.ItemCode}), whose balance is {from.Value:0.00}.");
        return new FundsMovedBetweenAccounts(from.Id, to.Id, unit.Code, Kind, Amount, VoucherNumber, Purpose, stamp);
    }
}
