using Marten;
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
    decimal? Amount,
    string? How,
    string? Document,
    ApprovalInput? Approval,
    LocalDate? BusinessDate,
    string? CorrectionReason = null) : ILedgerCommand<Guid, ItemPosition>
{
    public Rules Validate()
    {
        var rules = new Rules()
            .IdempotencyKey(IdempotencyKey)
            .Amount(Amount, "amount", positive: true)
            .OneOf<Reduction>(How, "how")
            .Required(Document, "document", 100);
        return How == "writeOff" ? rules.Approval(Approval, "approval") : rules;
    }

    public DebtReduced Decide(UnitBook unit, Item debt, Stamp stamp)
    {
        var how = ApiNames.Parse<Reduction>(How!);
        switch (debt.Kind, how)
        {
            case (ItemKind.Claim, Reduction.Collection or Reduction.WriteOff):
            case (ItemKind.Liability, Reduction.Repayment):
                break;
            default:
                throw Refused.Invalid("how", $"a {ApiNames.Name(debt.Kind)} cannot go down by {How}");
        }
        unit.EnsureWritable(stamp, "reducing a balance");
        if (Amount > debt.Value)
            throw Refused.Conflict($"{debt.ItemCode} ({debt.Counterparty}) stands at {debt.Value:0.00}; it cannot go down by {Amount:0.00}.");
        return new DebtReduced(debt.Id, unit.Code, Amount!.Value, how, Document!, Approval?.ToApproval(), stamp);
    }

    public async Task<ItemPosition> Handle(IDocumentSession session, Guid debtId, Stamp stamp, CancellationToken ct)
    {
        var debt = await session.ItemForWritingAsync(debtId, ct);
        var unit = await session.UnitAsync(debt.Aggregate!.UnitCode, ct);
        var reduced = Decide(unit, debt.Aggregate, stamp);
        debt.AppendOne(reduced);
        return new ItemPosition(debtId, unit.Code, debt.Aggregate.Value - reduced.Amount, ItemStatus.InUse);
    }
}
