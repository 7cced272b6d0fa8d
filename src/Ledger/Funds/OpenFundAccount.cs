using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Funds;

/// <summary>A unit enters a cash or bank account in its books (资金) with its opening balance.</summary>
public sealed record OpenFundAccount(
    string IdempotencyKey,
    string? ItemCode,
    string? Ownership,
    string? Kind,
    string? Name,
    string? BankName,
    string? AccountNumber,
    string? Holder,
    decimal? OpeningBalance,
    LocalDate? BusinessDate,
    string? CorrectionReason = null) : ILedgerCommand<string, ItemRegistration>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .OneOf<Ownership>(Ownership, "ownership", required: false)
        .OneOf<FundKind>(Kind, "kind")
        .Required(Name, "name")
        .Check(Kind != "bank" || !string.IsNullOrWhiteSpace(BankName), "bankName", "is required for a bank account")
        .Check(Kind != "bank" || !string.IsNullOrWhiteSpace(AccountNumber), "accountNumber", "is required for a bank account")
        .OneOf<HolderType>(Holder, "holder", required: false)
        .Amount(OpeningBalance, "openingBalance");

    public FundAccountOpened Decide(UnitBook unit, Guid accountId, Stamp stamp)
    {
        unit.EnsureNewItemAllowed(stamp, "opening a new account");
        return new FundAccountOpened(accountId, unit.Code, ItemCode ?? ItemCodes.Generate("ZJ", accountId),
            Ownership is null ? Common.Ownership.Collective : ApiNames.Parse<Ownership>(Ownership), ApiNames.Parse<FundKind>(Kind!),
            Name!, BankName, AccountNumber, Holder is null ? HolderType.Collective : ApiNames.Parse<HolderType>(Holder),
            OpeningBalance!.Value, stamp);
    }

    public async Task<ItemRegistration> Handle(IDocumentSession session, string unitCode, Stamp stamp, CancellationToken ct)
    {
        var opened = Decide(await session.UnitAsync(unitCode, ct), Guid.CreateVersion7(), stamp);
        session.Events.StartStream<Item>(opened.AccountId, opened);
        return new ItemRegistration(opened.AccountId, opened.ItemCode);
    }
}
