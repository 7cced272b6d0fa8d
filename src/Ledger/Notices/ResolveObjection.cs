using Marten;
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
    string? Outcome,
    string? Reason,
    decimal? CorrectedValue,
    LocalDate? BusinessDate) : ILedgerCommand<ObjectionRef, ObjectionResolved>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .OneOf<ObjectionOutcome>(Outcome, "outcome")
        .Required(Reason, "reason", 2000)
        .Check(Outcome != "rejected" || CorrectedValue is null, "correctedValue", "goes only with an upheld objection")
        .Check(CorrectedValue is null or >= 0 && (CorrectedValue is null || CorrectedValue == decimal.Round(CorrectedValue.Value, 2)),
            "correctedValue", "must be a non-negative amount to the fen");

    public IReadOnlyList<StreamEvent> Decide(UnitBook unit, ObjectionRaised objection, Item? item, Stamp stamp)
    {
        if (!(unit.OpenObjections ?? []).Contains(objection.ObjectionId))
            throw Refused.Conflict($"Objection {objection.ObjectionId} is already resolved.");
        if (stamp.BusinessDate < objection.Stamp.BusinessDate)
            throw Refused.Invalid("businessDate", $"is before {objection.Stamp.BusinessDate:yyyy-MM-dd}, the day the objection was raised");
        if (CorrectedValue is not null && item is null)
            throw Refused.Invalid("correctedValue", "needs an objection about an item");

        var outcome = ApiNames.Parse<ObjectionOutcome>(Outcome!);
        if (outcome == ObjectionOutcome.Rejected || CorrectedValue is not { } corrected || item is null)
            return [new(unit.Id, new ObjectionResolved(unit.Code, objection.ObjectionId, outcome, Reason!, null, stamp))];

        var correction = new Correction(item.Id, item.Kind, item.Category, item.VerifiedValue, corrected);
        return
        [
            new(unit.Id, new ObjectionResolved(unit.Code, objection.ObjectionId, outcome, Reason!, correction, stamp)),
            new(item.Id, new ItemCounted(item.Id, unit.Code, CountResult.Adjusted, item.BookValue, corrected, null,
                $"异议复核: {Reason}", stamp.BusinessDate, stamp)),
        ];
    }

    public async Task<ObjectionResolved> Handle(IDocumentSession session, ObjectionRef target, Stamp stamp, CancellationToken ct)
    {
        var (unitCode, objectionId) = target;
        var unit = await session.UnitAsync(unitCode, ct);
        var stream = await session.Events.FetchForWriting<UnitBook>(unit.Id, ct);
        var events = await session.Events.FetchStreamAsync(unit.Id, token: ct);
        var objection = events.Select(e => e.Data).OfType<ObjectionRaised>().FirstOrDefault(o => o.ObjectionId == objectionId)
                        ?? throw Refused.NotFound($"Objection {objectionId} is not one of unit {unitCode}'s.");
        var item = objection.ItemId is { } id ? await session.LoadAsync<Item>(id, ct) : null;
        var decided = Decide(stream.Aggregate!, objection, item, stamp);
        session.Append(decided);
        return (ObjectionResolved)decided[0].Event;
    }
}

/// <summary>An objection of a unit's notice, as the URL names it.</summary>
public sealed record ObjectionRef(string UnitCode, Guid ObjectionId)
{
    public override string ToString() => $"{UnitCode}/{ObjectionId}";
}
