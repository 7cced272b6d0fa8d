using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Debts;

/// <summary>
/// A unit enters a claim (债权: 应收款) or a liability (债务: 应付款, 借款) against one counterparty. After
/// the freeze a new liability needs an exception (特批); a new claim is refused, as lending out is an outflow.
/// </summary>
public sealed record RecordDebt(
    string IdempotencyKey,
    string? ItemCode,
    string? Ownership,
    string? Side,
    string? Kind,
    string? Counterparty,
    string? CounterpartyType,
    decimal? Amount,
    LocalDate? DueOn,
    string? Document,
    Guid? ExceptionId,
    LocalDate? BusinessDate,
    string? CorrectionReason = null) : ILedgerCommand<string, ItemRegistration>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .OneOf<Ownership>(Ownership, "ownership", required: false)
        .Check(Side is "claim" or "liability", "side", "must be one of: claim, liability")
        .OneOf<DebtKind>(Kind, "kind")
        .Check(!(Side == "claim" && Kind == "loan"), "kind", "a claim is a receivable or internal, not a loan")
        .Check(!(Side == "liability" && Kind == "receivable"), "kind", "a liability is a payable, a loan or internal")
        .Required(Counterparty, "counterparty", 100)
        .OneOf<HolderType>(CounterpartyType, "counterpartyType")
        .Amount(Amount, "amount", positive: true)
        .Required(Document, "document", 100);

    public DebtRecorded Decide(UnitBook unit, ExceptionApproved? exception, Guid debtId, Stamp stamp)
    {
        var side = Side == "claim" ? ItemKind.Claim : ItemKind.Liability;
        if (side == ItemKind.Liability && unit.IsFrozenFor(stamp))
            unit.EnsureOutflowAllowed(stamp, "a new liability", ExceptionScope.Liability, Amount!.Value, exception);
        else
            unit.EnsureNewItemAllowed(stamp, side == ItemKind.Claim ? "a new claim" : "a new liability");

        return new DebtRecorded(debtId, unit.Code, ItemCode ?? ItemCodes.Generate(side == ItemKind.Claim ? "ZQ" : "ZW", debtId),
            Ownership is null ? Common.Ownership.Collective : ApiNames.Parse<Ownership>(Ownership), side,
            ApiNames.Parse<DebtKind>(Kind!), Counterparty!, ApiNames.Parse<HolderType>(CounterpartyType!), Amount!.Value, DueOn,
            Document!, exception?.ExceptionId, stamp);
    }

    public async Task<ItemRegistration> Handle(IDocumentSession session, string unitCode, Stamp stamp, CancellationToken ct)
    {
        var unit = await session.UnitAsync(unitCode, ct);
        var recorded = Decide(unit, await session.ExceptionAsync(unit, ExceptionId, ct), Guid.CreateVersion7(), stamp);
        session.Events.StartStream<Item>(recorded.DebtId, recorded);
        return new ItemRegistration(recorded.DebtId, recorded.ItemCode);
    }
}
