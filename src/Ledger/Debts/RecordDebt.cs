using NodaTime;
using Sanzi.Ledger.Common;
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
    Ownership Ownership,
    ItemKind Side,
    DebtKind Kind,
    string Counterparty,
    HolderType CounterpartyType,
    decimal Amount,
    LocalDate? DueOn,
    string Document,
    Guid? ExceptionId,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent; <c>side</c> is <c>claim</c> or <c>liability</c>.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? ItemCode,
        Ownership? Ownership,
        ItemKind? Side,
        DebtKind? Kind,
        string? Counterparty,
        HolderType? CounterpartyType,
        decimal? Amount,
        LocalDate? DueOn,
        string? Document,
        Guid? ExceptionId,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<RecordDebt>
    {
        public RecordDebt Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .OneOf(Ownership, "ownership", required: false)
                .Check(Side is ItemKind.Claim or ItemKind.Liability, "side", "must be one of: claim, liability")
                .OneOf(Kind, "kind")
                .Check(!(Side == ItemKind.Claim && Kind == DebtKind.Loan), "kind", "a claim is a receivable or internal, not a loan")
                .Check(!(Side == ItemKind.Liability && Kind == DebtKind.Receivable), "kind", "a liability is a payable, a loan or internal")
                .Required(Counterparty, "counterparty", 100)
                .OneOf(CounterpartyType, "counterpartyType")
                .Amount(Amount, "amount", positive: true)
                .Required(Document, "document", 100)
                .ThrowIfBroken();
            return new(IdempotencyKey!, ItemCode, Ownership ?? Common.Ownership.Collective, Side!.Value, Kind!.Value, Counterparty!,
                CounterpartyType!.Value, Amount!.Value, DueOn, Document!, ExceptionId, BusinessDate, CorrectionReason);
        }
    }

    public DebtRecorded Decide(UnitBook unit, ExceptionApproved? exception, Guid debtId, Stamp stamp)
    {
        if (Side == ItemKind.Liability && unit.IsFrozenFor(stamp))
            unit.EnsureOutflowAllowed(stamp, "a new liability", ExceptionScope.Liability, Amount, exception);
        else
            unit.EnsureNewItemAllowed(stamp, Side == ItemKind.Claim ? "a new claim" : "a new liability");

        return new DebtRecorded(debtId, unit.Code, ItemCode ?? ItemCodes.Generate(Side == ItemKind.Claim ? "ZQ" : "ZW", debtId), Ownership,
            Side, Kind, Counterparty, CounterpartyType, Amount, DueOn, Document, exception?.ExceptionId, stamp);
    }
}
