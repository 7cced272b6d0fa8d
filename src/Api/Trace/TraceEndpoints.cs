using Marten;
using NodaTime;
using Sanzi.Api.Hosting;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Audit;
using Sanzi.Projections.Leads;
using Wolverine.Http;

namespace Sanzi.Api.Trace;

public static class TraceEndpoints
{
    /// <summary>
    /// The whole history of one item (an asset, resource, account, claim or liability) in log order, across
    /// units and reforms: each step with its unit, actor and role, so a handover shows as the step where the
    /// unit changes.
    /// </summary>
    [WolverineGet("/api/trace/items/{id}")]
    public static async Task<IResult> Item(Guid id, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) throw Refused.NotFound($"Item {id} is not in the ledger.");
        var steps = events.Where(e => e.Data is ILedgerEvent).Select(EventFact.Of)
            .Select(f => new TraceStep(f.Sequence, f.Type, f.UnitCode, f.Actor, f.Role, f.RecordedAt, f.BusinessDate, f.Amount,
                f.Counterparty, f.Documents, f.Event))
            .ToList();
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

/// <summary>One step in an item's history.</summary>
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
    IReadOnlyList<string> Documents,
    object Event);

public sealed record ItemTrace(Guid ItemId, IReadOnlyList<string> Units, IReadOnlyList<TraceStep> Steps);

public sealed record CounterpartyTrace(string Counterparty, IReadOnlyList<string> Units, IReadOnlyList<AuditEntry> Entries, long? Next);
