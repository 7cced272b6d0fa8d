using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Notices;

/// <summary>
/// Settles an objection: upheld, with a corrected verified value for the item it names (re-checked and
/// entered as a new count), or rejected with a reason.
/// </summary>
public sealed record ResolveObjection(
    string IdempotencyKey,
    ObjectionOutcome Outcome,
    string Reason,
    decimal? CorrectedValue,
    LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        ObjectionOutcome? Outcome,
        string? Reason,
        decimal? CorrectedValue,
        LocalDate? BusinessDate) : ICommandRequest<ResolveObjection>
    {
        public ResolveObjection Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .OneOf(Outcome, "outcome")
                .Required(Reason, "reason", 2000)
                .Check(Outcome != ObjectionOutcome.Rejected || CorrectedValue is null, "correctedValue", "goes only with an upheld objection")
                .Check(CorrectedValue is null or >= 0 && (CorrectedValue is null || CorrectedValue == decimal.Round(CorrectedValue.Value, 2)),
                    "correctedValue", "must be a non-negative amount to the fen")
                .ThrowIfBroken();
            return new(IdempotencyKey!, Outcome!.Value, Reason!, CorrectedValue, BusinessDate);
        }
    }

    public IReadOnlyList<StreamEvent> Decide(UnitBook unit, ObjectionRaised objection, Item? item, Stamp stamp)
    {
        if (!(unit.OpenObjections ?? []).Contains(objection.ObjectionId))
            throw Refused.Conflict($"Objection {objection.ObjectionId} is already resolved.");
        if (stamp.BusinessDate < objection.Stamp.BusinessDate)
            throw Refused.Invalid("businessDate", $"is before {objection.Stamp.BusinessDate:yyyy-MM-dd}, the day the objection was raised");
        if (CorrectedValue is not null && item is null)
            throw Refused.Invalid("correctedValue", "needs an objection about an item");

        if (Outcome == ObjectionOutcome.Rejected || CorrectedValue is not { } corrected || item is null)
            return [new(unit.Id, new ObjectionResolved(unit.Code, objection.ObjectionId, Outcome, Reason, null, stamp))];

        var correction = new Correction(item.Id, item.Kind, item.Category, item.VerifiedValue, corrected, item.Ownership);
        return
        [
            new(unit.Id, new ObjectionResolved(unit.Code, objection.ObjectionId, Outcome, Reason, correction, stamp)),
            new(item.Id, new ItemCounted(item.Id, unit.Code, CountResult.Adjusted, item.BookValue, corrected, null,
                $"异议复核: {Reason}", stamp.BusinessDate, stamp)),
        ];
    }
}
