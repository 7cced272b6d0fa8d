using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Debts;

/// <summary>
/// A balance goes down: a claim by a recorded collection (收回) or an approved write-off (核销), a
/// liability by a repayment. A write-off always needs an approval.
/// </summary>
public sealed record ReduceDebt(
    string IdempotencyKey,
    decimal Amount,
    Reduction How,
    string Document,
    Approval? Approval,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        decimal? Amount,
        Reduction? How,
        string? Document,
        ApprovalInput? Approval,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<ReduceDebt>
    {
        public ReduceDebt Validate()
        {
            var rules = new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Amount(Amount, "amount", positive: true)
                .OneOf(How, "how")
                .Required(Document, "document", 100);
            if (How == Reduction.WriteOff) rules.Approval(Approval, "approval");
            rules.ThrowIfBroken();
            return new(IdempotencyKey!, Amount!.Value, How!.Value, Document!, Approval is { Approver: not null, Document: not null, ApprovedAt: not null } ? Approval.ToApproval() : null,
                BusinessDate, CorrectionReason);
        }
    }

    public DebtReduced Decide(UnitBook unit, Item debt, Stamp stamp)
    {
        switch (debt.Kind, How)
        {
            case (ItemKind.Claim, Reduction.Collection or Reduction.WriteOff):
            case (ItemKind.Liability, Reduction.Repayment):
                break;
            default:
                throw Refused.Invalid("how", $"a {ApiNames.Name(debt.Kind)} cannot go down by {ApiNames.Name(How)}");
        }
        unit.EnsureWritable(stamp, "reducing a balance");
        if (Amount > debt.Value)
            throw Refused.Conflict($"{debt.ItemCode} ({debt.Counterparty}) stands at {debt.Value:0.00}; it cannot go down by {Amount:0.00}.");
        return new DebtReduced(debt.Id, unit.Code, Amount, How, Document, Approval, stamp);
    }
}
