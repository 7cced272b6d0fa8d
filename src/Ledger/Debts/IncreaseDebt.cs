using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Debts;

/// <summary>A balance grows. A liability may not grow after the freeze or the debt lock without an exception (特批).</summary>
public sealed record IncreaseDebt(
    string IdempotencyKey,
    decimal Amount,
    string Reason,
    string Document,
    Guid? ExceptionId,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        decimal? Amount,
        string? Reason,
        string? Document,
        Guid? ExceptionId,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<IncreaseDebt>
    {
        public IncreaseDebt Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Amount(Amount, "amount", positive: true)
                .Required(Reason, "reason", 500)
                .Required(Document, "document", 100)
                .ThrowIfBroken();
            return new(IdempotencyKey!, Amount!.Value, Reason!, Document!, ExceptionId, BusinessDate, CorrectionReason);
        }
    }

    public DebtIncreased Decide(UnitBook unit, Item debt, ExceptionApproved? exception, Stamp stamp)
    {
        if (debt.Kind is not (ItemKind.Claim or ItemKind.Liability)) throw Refused.Conflict($"Item {debt.ItemCode} is not a claim or liability.");
        if (debt.Kind == ItemKind.Liability && (unit.IsFrozenFor(stamp) || unit.DebtsLockedAsOf <= stamp.BusinessDate))
        {
            if (exception is null)
                throw Refused.Conflict($"The debts of {unit.Code} are locked; liability {debt.ItemCode} may not grow without an exception approval (特批).");
            unit.EnsureOutflowAllowed(stamp, "increasing a liability", ExceptionScope.Liability, Amount, exception);
        }
        else
            unit.EnsureNewItemAllowed(stamp, "increasing a claim");

        return new DebtIncreased(debt.Id, unit.Code, Amount, Reason, Document, exception?.ExceptionId, stamp);
    }
}
