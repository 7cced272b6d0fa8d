using Marten;
using NodaTime;
using Sanzi.Api.Hosting;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Resources;
using Sanzi.Api.Documents;
using Sanzi.Projections.Audit;
using Sanzi.Projections.Documents;
using Sanzi.Projections.Leads;
using Wolverine.Http;

namespace Sanzi.Api.Trace;

public static class TraceEndpoints
{
    /// <summary>
    /// The whole history of one item (an asset, resource, account, claim or liability) in log order, across
    /// units and reforms: each step with its unit, actor and role, so a handover shows as the step where the
    /// unit changes; each movement with its purpose, account, approver and exception (特批), and for a disposal
    /// or transfer the value that left the books (not the proceeds); a line in Chinese for people.
    /// </summary>
    [WolverineGet("/api/trace/items/{id}")]
    public static async Task<IResult> Item(Guid id, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) throw Refused.NotFound($"Item {id} is not in the ledger.");
        var facts = events.Where(e => e.Data is ILedgerEvent).Select(EventFact.Of).ToList();
        var exceptionIds = facts.Select(f => EventFacts.ParticularsOf(f.Event).ExceptionId).OfType<Guid>().Distinct().ToArray();
        var exceptions = exceptionIds.Length == 0 ? new Dictionary<Guid, ExceptionApproved>()
            : (await session.Events.QueryRawEventDataOnly<ExceptionApproved>().Where(x => x.ExceptionId.IsOneOf(exceptionIds)).ToListAsync(ct))
                .ToDictionary(x => x.ExceptionId);
        var attachments = Attachments.Of(facts);
        var documents = await DocumentViews.LoadAsync(session, facts.SelectMany(attachments), ct);
        var value = 0m;
        var steps = new List<TraceStep>();
        foreach (var f in facts)
        {
            var before = value;
            value = ItemValue.After(f.Event, value);
            var moved = f.Event is AssetDisposed ? before : f.Amount;
            var (purpose, account, approver, exceptionId) = EventFacts.ParticularsOf(f.Event);
            var exception = exceptionId is { } x && exceptions.TryGetValue(x, out var e) ? $"{e.Document}（{e.Approver}）" : null;
            steps.Add(new TraceStep(f.Sequence, f.Type, f.UnitCode, f.Actor, f.Role, f.RecordedAt, f.BusinessDate, moved, f.Counterparty,
                purpose, account, approver, exception, f.Documents,
                $"{LeadText.Day(f.BusinessDate)} {f.UnitCode} {EventNames.Chinese(f.Type)}{(moved is { } m ? " " + LeadText.Yuan(m) : "")}"
                + (f.Counterparty is { } c ? $"，对方{c}" : "") + (purpose is not null ? $"，事由{purpose}" : "") + (account is not null ? $"，科目{account}" : "")
                + (approver is not null ? $"，审批人{approver}" : "") + (exception is not null ? $"，特批{exception}" : "") + $"，经办{f.Actor}",
                f.Event, documents.Pick(attachments(f))));
        }
        return Results.Ok(new ItemTrace(id, steps.Select(s => s.UnitCode).OfType<string>().Distinct().ToList(), steps));
    }

    /// <summary>
    /// Every payment, receipt, debt, disposal and contract naming one counterparty, across units and reforms,
    /// in log order, paged like the audit trail.
    /// </summary>
    [WolverineGet("/api/trace/counterparties/{name}")]
    public static async Task<IResult> Counterparty(string name, string? after, string? limit, IQuerySession session, CancellationToken ct)
    {
        var cursor = QueryParameters.Number(after, "after", 0, long.MaxValue, 0);
        var size = (int)QueryParameters.Number(limit, "limit", 1, 500, 100);
        var entries = await session.Query<AuditEntry>().Where(x => x.Counterparty == name && x.Id > cursor)
            .OrderBy(x => x.Id).Take(size).ToListAsync(ct);
        return Results.Ok(new CounterpartyTrace(name, entries.Select(e => e.UnitCode).OfType<string>().Distinct().ToList(), entries,
            entries.Count == size ? entries[^1].Id : null));
    }
}

/// <summary>
/// One step in an item's history; <see cref="Amount"/> is what moved, for a disposal the value that left the books;
/// <see cref="Documents"/> the document numbers (文号) it names, <see cref="Attachments"/> the uploaded documents it carries.
/// </summary>
public sealed record TraceStep(
    long Sequence,
    string Type,
    string? UnitCode,
    string Actor,
    string? Role,
    Instant RecordedAt,
    LocalDate BusinessDate,
    decimal? Amount,
    string? Counterparty,
    string? Purpose,
    string? AccountCode,
    string? Approver,
    string? Exception,
    IReadOnlyList<string> Documents,
    string Text,
    object Event,
    IReadOnlyList<DocumentView> Attachments);

/// <summary>An item's value as its events move it: entered, counted, received, paid, grown, reduced, transferred, disposed of.</summary>
internal static class ItemValue
{
    public static decimal After(ILedgerEvent e, decimal value) => e switch
    {
        ReceiptRecorded r => value + r.Amount,
        PaymentRecorded p => value - p.Amount,
        DebtIncreased d => value + d.Amount,
        DebtReduced d => value - d.Amount,
        AssetDisposed => 0m,
        ResourceContracted => value,
        _ => EventFacts.AmountOf(e) ?? value,
    };
}

public sealed record ItemTrace(Guid ItemId, IReadOnlyList<string> Units, IReadOnlyList<TraceStep> Steps);

public sealed record CounterpartyTrace(string Counterparty, IReadOnlyList<string> Units, IReadOnlyList<AuditEntry> Entries, long? Next);
