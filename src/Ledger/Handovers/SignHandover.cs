using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Handovers;

/// <summary>
/// One party signs the handover register. With the third signature (three distinct people) every item
/// moves to the successor at its verified value, the old books close for good and the successor's open
/// with those balances, all in one transaction.
/// </summary>
public sealed record SignHandover(string IdempotencyKey, string? Role, LocalDate? BusinessDate) : ILedgerCommand<string, HandoverSigning>
{
    public Rules Validate() => new Rules().IdempotencyKey(IdempotencyKey).OneOf<HandoverRole>(Role, "role");

    /// <summary>The state a signature is decided on: the old unit, its reform and the units beside it, and its held items.</summary>
    public sealed record Books(UnitBook Unit, UnitBook Successor, Reform Reform, IReadOnlyList<UnitBook> OtherPredecessors, IReadOnlyList<Item> Items);

    public IReadOnlyList<StreamEvent> Decide(Books books, Stamp stamp)
    {
        var unit = books.Unit;
        unit.EnsureStage(unit.Handover is not null, "signing the handover", "a drafted handover register");
        var draft = unit.Handover!;
        var role = ApiNames.Parse<HandoverRole>(Role!);
        var signatures = unit.Signatures ?? [];
        if (signatures.Any(s => s.Role == role)) throw Refused.Conflict($"The {Role} party has already signed the handover of {unit.Code}.");
        if (signatures.Any(s => s.Signer == stamp.Actor))
            throw Refused.Conflict($"{stamp.Actor} has already signed the handover of {unit.Code}; the three parties must be three people.");
        // A signature is the signer's own: the token's name must be the one the register names for this role.
        if (draft.Parties.Single(p => p.Role == role).Name is var named && named != stamp.Actor)
            throw Refused.Forbidden($"The register names {named} as the {Role} party of {unit.Code}; {stamp.Actor} may not sign for them.");

        var signed = new StreamEvent(unit.Id, new HandoverSigned(unit.Code, draft.HandoverId, role, stamp.Actor, stamp));
        if (signatures.Count < 2) return [signed];

        var held = books.Items.Where(i => i.IsHeld).ToList();
        var totals = UnitItems.Totals(held);
        if (held.Count != draft.ItemCount || !totals.SequenceEqual(draft.Totals))
            throw Refused.Conflict($"The books of {unit.Code} changed since the handover register was drafted; draw it up again.");

        List<StreamEvent> events =
        [
            signed,
            .. held.Select(i => new StreamEvent(i.Id,
                new ItemTransferred(i.Id, draft.HandoverId, unit.Code, draft.SuccessorCode, draft.EntityCode, i.VerifiedValue, stamp))),
            new(unit.Id, new BooksHandedOver(unit.Code, draft.HandoverId, draft.SuccessorCode, held.Count, totals, stamp.RecordedAt, stamp)),
            new(books.Successor.Id, new BooksReceived(draft.SuccessorCode, draft.HandoverId, unit.Code, draft.EntityCode, held.Count, totals, stamp)),
        ];
        if (books.OtherPredecessors.All(p => p.IsClosed))
            events.Add(new(books.Reform.Id, new ReformCompleted(books.Reform.Id, stamp)));
        return events;
    }

    public async Task<HandoverSigning> Handle(IDocumentSession session, string unitCode, Stamp stamp, CancellationToken ct)
    {
        var unit = await session.UnitAsync(unitCode, ct);
        var stream = await session.Events.FetchForWriting<UnitBook>(unit.Id, ct);
        var reform = await session.ReformOfAsync(unit, ct);
        var successorCode = reform.PredecessorOf(unitCode).SuccessorCode;
        var others = new List<UnitBook>();
        foreach (var p in reform.Predecessors.Where(p => p.Code != unitCode))
            others.Add(await session.UnitAsync(p.Code, ct));
        var successor = (await session.Events.FetchForWriting<UnitBook>(StreamIds.ForUnit(successorCode), ct)).Aggregate!;
        if (others.All(o => o.IsClosed)) await session.Events.FetchForWriting<Reform>(reform.Id, ct);

        var events = Decide(new Books(stream.Aggregate!, successor, reform, others, await session.ItemsOfUnitAsync(unitCode, ct)), stamp);
        session.Append(events);
        var closed = events.Select(e => e.Event).OfType<BooksHandedOver>().SingleOrDefault();
        return new HandoverSigning(unitCode, ApiNames.Parse<HandoverRole>(Role!), stamp.Actor, closed is not null,
            closed?.ItemCount ?? 0, events.Any(e => e.Event is ReformCompleted));
    }
}

/// <summary>The answer to <see cref="SignHandover"/>: whether this signature completed the handover and the reform.</summary>
public sealed record HandoverSigning(string UnitCode, HandoverRole Role, string Signer, bool HandedOver, int ItemsTransferred, bool ReformCompleted);
