using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Handovers;

public sealed record PartyInput(HandoverRole? Role, string? Name, string? Post);

public sealed record TransferInput(TransferMode? Mode, string? Document);

public sealed record InsigniaInput(InsigniaKind? Kind, string? Name, InsigniaFate? Fate, string? Document);

/// <summary>
/// Draws up an old unit's handover register (移交清册) to its designated successor from its confirmed,
/// verified books: every item, balance, claim and liability, plus archives (档案), seals (印章) and pending
/// matters. Drawing it up again, when the books moved under an exception, voids the signatures so far. A township
/// names the transfer of its state assets (无偿调拨 and the finance bureau's document), its seals, licences and
/// plaques with what became of each, and as many people per role as hand over or receive, one supervisor at least.
/// </summary>
public sealed record DraftHandover(
    string IdempotencyKey,
    LocalDate? HandoverDate,
    IReadOnlyList<Party> Parties,
    IReadOnlyList<string> Archives,
    IReadOnlyList<string> Seals,
    IReadOnlyList<string> PendingMatters,
    string? Remarks,
    LocalDate? BusinessDate,
    TransferTerms? Transfer = null,
    IReadOnlyList<Insignia>? Insignia = null) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        LocalDate? HandoverDate,
        IReadOnlyList<PartyInput>? Parties,
        IReadOnlyList<string>? Archives,
        IReadOnlyList<string>? Seals,
        IReadOnlyList<string>? PendingMatters,
        string? Remarks,
        LocalDate? BusinessDate,
        TransferInput? Transfer = null,
        IReadOnlyList<InsigniaInput>? Insignia = null) : ICommandRequest<DraftHandover>
    {
        public DraftHandover Validate()
        {
            var rules = new Rules().IdempotencyKey(IdempotencyKey)
                .Check(Parties is not null && Enum.GetValues<HandoverRole>().All(r => Parties.Any(p => p.Role == r)), "parties",
                    "must name at least one person in each role: handingOver (移交人), receiving (接收人), supervising (监交人)")
                .Check(Archives is { Count: > 0 }, "archives", "must list the archives handed over (档案: vouchers, account books, reports)")
                .Check(Seals is not null, "seals", "must list the seals handed over (印章), or be an empty list");
            var parties = Parties ?? [];
            for (var i = 0; i < parties.Count; i++)
                rules.OneOf(parties[i].Role, $"parties[{i}].role")
                    .Required(parties[i].Name, $"parties[{i}].name", 100)
                    .Required(parties[i].Post, $"parties[{i}].post", 100);
            if (Transfer is not null)
                rules.OneOf(Transfer.Mode, "transfer.mode").Required(Transfer.Document, "transfer.document", 100);
            var insignia = Insignia ?? [];
            for (var i = 0; i < insignia.Count; i++)
                rules.OneOf(insignia[i].Kind, $"insignia[{i}].kind")
                    .Required(insignia[i].Name, $"insignia[{i}].name", 100)
                    .OneOf(insignia[i].Fate, $"insignia[{i}].fate");
            rules.ThrowIfBroken();
            return new(IdempotencyKey!, HandoverDate, parties.Select(p => new Party(p.Role!.Value, p.Name!, p.Post!)).OrderBy(p => p.Role).ToList(),
                Archives!, Seals!, PendingMatters ?? [], Remarks, BusinessDate,
                Transfer is null ? null : new TransferTerms(Transfer.Mode!.Value, Transfer.Document!),
                insignia.Select(x => new Insignia(x.Kind!.Value, x.Name!, x.Fate!.Value, x.Document)).ToList());
        }
    }

    public HandoverDrafted Decide(UnitBook unit, Reform reform, IReadOnlyList<Item> items, Guid handoverId, Stamp stamp)
    {
        unit.EnsureStage(unit.Confirmation is not null, "drafting the handover", "the members' confirmation of the notice");
        var date = HandoverDate ?? stamp.BusinessDate;
        if (date > stamp.RecordedOn) throw Refused.Invalid("handoverDate", "may not be in the future");
        unit.EnsureInOrder(date, HandoverDate is null ? "businessDate" : "handoverDate", "the handover register");
        var successor = reform.PredecessorOf(unit.Code).SuccessorCode;
        var held = items.Where(i => i.IsHeld).ToList();
        if (Transfer is null && held.Any(i => i.Ownership == Ownership.State))
            throw Refused.Invalid("transfer",
                "is required: state assets (国有资产) pass by free transfer (freeTransfer 无偿调拨 or freeAllotment 无偿划转) under the finance bureau's document");
        return new HandoverDrafted(unit.Code, handoverId, successor,
            reform.Mode == IntegrationMode.KeepCoopsSeparate ? unit.Code : successor, date,
            Parties, held.Count, UnitItems.Totals(held), Archives, Seals, PendingMatters, Remarks, stamp.On(date), Transfer, Insignia ?? []);
    }
}
