using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Funds;

/// <summary>A unit enters a cash or bank account in its books (资金) with its opening balance.</summary>
public sealed record OpenFundAccount(
    string IdempotencyKey,
    string? ItemCode,
    Ownership Ownership,
    FundKind Kind,
    string Name,
    string? BankName,
    string? AccountNumber,
    HolderType Holder,
    decimal OpeningBalance,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? ItemCode,
        Ownership? Ownership,
        FundKind? Kind,
        string? Name,
        string? BankName,
        string? AccountNumber,
        HolderType? Holder,
        decimal? OpeningBalance,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<OpenFundAccount>
    {
        public OpenFundAccount Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .OneOf(Ownership, "ownership", required: false)
                .OneOf(Kind, "kind")
                .Required(Name, "name")
                .Check(Kind != FundKind.Bank || !string.IsNullOrWhiteSpace(BankName), "bankName", "is required for a bank account")
                .Check(Kind != FundKind.Bank || !string.IsNullOrWhiteSpace(AccountNumber), "accountNumber", "is required for a bank account")
                .OneOf(Holder, "holder", required: false)
                .Amount(OpeningBalance, "openingBalance")
                .ThrowIfBroken();
            return new(IdempotencyKey!, ItemCode, Ownership ?? Common.Ownership.Collective, Kind!.Value, Name!, BankName, AccountNumber,
                Holder ?? HolderType.Collective, OpeningBalance!.Value, BusinessDate, CorrectionReason);
        }
    }

    public FundAccountOpened Decide(UnitBook unit, Guid accountId, Stamp stamp)
    {
        unit.EnsureNewItemAllowed(stamp, "opening a new account");
        return new FundAccountOpened(accountId, unit.Code, ItemCode ?? ItemCodes.Generate("ZJ", accountId), Ownership, Kind, Name, BankName,
            AccountNumber, Holder, OpeningBalance, stamp);
    }
}
