using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Handovers;

/// <summary>
/// One party signs the handover register. With the last named person's signature (each a different person)
/// every item moves to the successor at its verified value, the old books close for good and the successor's
/// open with those balances, all in one transaction; state assets are booked against 3401 无偿调拨净资产.
/// </summary>
public sealed record SignHandover(string IdempotencyKey, HandoverRole Role, LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, HandoverRole? Role, LocalDate? BusinessDate) : ICommandRequest<SignHandover>
    {
        public SignHandover Validate()
        {
            new Rules().IdempotencyKey(IdempotencyKey).OneOf(Role, "role").ThrowIfBroken();
            return new(IdempotencyKey!, Role!.Value, BusinessDate);
        }
    }

    /// <summary>The state a signature is decided on: the old unit, its reform and the units beside it, and its held items.</summary>
    public sealed record Books(UnitBook Unit, UnitBook Successor, Reform Reform, IReadOnlyList<UnitBook> OtherPredecessors, IReadOnlyList<Item> Items);

    public IReadOnlyList<StreamEvent> Decide(Books books, Stamp stamp)
    {
        var unit = books.Unit;
        unit.EnsureStage(unit.Handover is not null, "signing the handover", "a drafted handover register");
        var draft = unit.Handover!;
        unit.EnsureInOrder(stamp.BusinessDate, "businessDate", "a signature");
        var signatures = unit.Signatures ?? [];
        if (signatures.Any(s => s.Signer == stamp.Actor))
            throw Refused.Conflict($"{stamp.Actor} has already signed the handover of {unit.Code}; the parties must be different people.");
        var party = PartyFor(draft.Parties, signatures, stamp.Actor, unit.Code);

        var signed = new StreamEvent(unit.Id, new HandoverSigned(unit.Code, draft.HandoverId, Role, stamp.Actor, stamp, party.Name));
        if (signatures.Count + 1 < draft.Parties.Count) return [signed];

        var held = books.Items.Where(i => i.IsHeld).ToList();
        var totals = UnitItems.Totals(held);
        if (held.Count != draft.ItemCount || !totals.SequenceEqual(draft.Totals))
            throw Refused.Conflict($"The books of {unit.Code} changed since the handover register was drafted; draw it up again.");

        List<StreamEvent> events =
        [
            signed,
            .. held.Select(i => new StreamEvent(i.Id,
                new ItemTransferred(i.Id, draft.HandoverId, unit.Code, draft.SuccessorCode, draft.EntityCode, i.VerifiedValue, stamp,
                    i.Count?.CountedQuantity ?? i.Quantity))),
            new(unit.Id, new BooksHandedOver(unit.Code, draft.HandoverId, draft.SuccessorCode, held.Count, totals, stamp.RecordedAt, stamp)),
            new(books.Successor.Id, new BooksReceived(draft.SuccessorCode, draft.HandoverId, unit.Code, draft.EntityCode, held.Count, totals, stamp)),
        ];
        var state = held.Where(i => i.Ownership == Ownership.State).Select(i => (i, i.VerifiedValue)).ToList();
        if (state.Count > 0)
            events.Add(new(books.Successor.Id, OpeningEntries.For(draft.SuccessorCode, draft.HandoverId, unit.Code, draft.Transfer!, state, stamp)));
        if (books.OtherPredecessors.All(p => p.IsClosed))
            events.Add(new(books.Reform.Id, new ReformCompleted(books.Reform.Id, stamp)));
        return events;
    }

    /// <summary>
    /// The named person this signature is for. A signature is the signer's own: the token's name must be one the register
    /// names for this role (a township may name several), and each signs once.
    /// </summary>
    private Party PartyFor(IReadOnlyList<Party> parties, IReadOnlyList<HandoverSigned> signatures, string signer, string unitCode)
    {
        var inRole = parties.Where(p => p.Role == Role).ToList();
        if (inRole.All(p => signatures.Any(s => s.Role == Role && (s.PartyName ?? p.Name) == p.Name)))
            throw Refused.Conflict($"The {ApiNames.Name(Role)} party has already signed the handover of {unitCode}.");
        return inRole.FirstOrDefault(p => p.Name == signer)
               ?? throw Refused.Forbidden(
                   $"The register names {string.Join("、", inRole.Select(p => p.Name))} as the {ApiNames.Name(Role)} party of {unitCode}; {signer} may not sign for them.");
    }
}

/// <summary>The answer to <see cref="SignHandover"/>: whether this signature completed the handover and the reform.</summary>
public sealed record HandoverSigning(string UnitCode, HandoverRole Role, string Signer, bool HandedOver, int ItemsTransferred, bool ReformCompleted);
