using Marten;
using NodaTime;
using Sanzi.Api.Commands;
using Sanzi.Api.Hosting;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Leads;
using Sanzi.Projections.Documents;
using Sanzi.Projections.Leads;
using Wolverine.Http;

namespace Sanzi.Api.Leads;

public static class LeadEndpoints
{
    /// <summary>
    /// Leads (线索) found by the red-flag rules, by reform, unit and rule. Without a period these are the leads
    /// the inspection projection keeps as events arrive: those that still hold, or with <c>withdrawn=true</c>
    /// those that stopped holding and the event that withdrew them. With <c>from</c>/<c>to</c> the rules are run
    /// now over the reform's events up to <c>to</c>, keeping the leads with an event recorded in the period.
    /// </summary>
    [WolverineGet("/api/leads")]
    public static async Task<IResult> Find(string? reform, string? unit, string? rule, string? from, string? to, string? withdrawn,
        IQuerySession session, LeadThresholds thresholds, IClock clock, CancellationToken ct)
    {
        var reformId = QueryParameters.Id(reform, "reform");
        QueryParameters.Unit(unit, "unit");
        QueryParameters.OneOf(rule, "rule", LeadRules.Names);
        var since = QueryParameters.Instant(from, "from");
        var until = QueryParameters.Instant(to, "to");
        QueryParameters.Ordered(since, until, "to");
        var gone = QueryParameters.OneOf(withdrawn, "withdrawn", ["true", "false"]) == "true";

        IReadOnlyList<Lead> leads = since is null && until is null
            ? await LeadQueries.StoredAsync(session, reformId, unit, rule, gone, ct)
            : (await LeadQueries.EvaluateAsync(session, reformId, unit, thresholds, since ?? Instant.MinValue, until ?? clock.GetCurrentInstant(), ct))
                .Where(l => (unit is null || l.UnitCode == unit) && (rule is null || l.Rule == rule)).ToList();
        return Results.Ok(leads.OrderBy(l => l.FirstRecordedAt).ThenBy(l => l.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>One lead with the inspectors' annotations of it, oldest first.</summary>
    [WolverineGet("/api/leads/{id}")]
    public static async Task<IResult> Get(string id, IQuerySession session, CancellationToken ct)
    {
        var lead = await session.LoadAsync<Lead>(id, ct) ?? throw Refused.NotFound($"Lead {id} is not in the ledger.");
        var notes = await session.LoadAsync<LeadNotes>(LeadNotes.StreamOf(id), ct);
        var documents = await DocumentViews.LoadAsync(session, lead.Events.SelectMany(e => e.Documents ?? []), ct);
        return Results.Ok(new AnnotatedLead(lead, notes?.Status, notes?.Assignee, notes?.Annotations ?? [], documents.Values.ToList()));
    }
}

/// <summary>An inspector's annotation of a lead (assigned, confirmed, dismissed with a reason), kept as an event in the lead's own stream.</summary>
public static class AnnotateLeadEndpoint
{
    [WolverinePost("/api/leads/{id}/annotations")]
    public static async Task<IResult> Post(AnnotateLead command, string id, Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Lead>(id, ct) is null) throw Refused.NotFound($"Lead {id} is not in the ledger.");
        var stream = await session.Events.FetchForWriting<LeadNotes>(LeadNotes.StreamOf(id), ct);
        var annotated = command.Decide(id, stream.Aggregate, stamp);
        stream.AppendOne(annotated);
        return Answer.Created($"/api/leads/{id}", annotated);
    }
}

/// <summary>A lead, where the inspectors have got with it, their annotations, and the documents its events carry.</summary>
public sealed record AnnotatedLead(Lead Lead, LeadAction? Status, string? Assignee, IReadOnlyList<LeadAnnotated> Annotations,
    IReadOnlyList<DocumentView> Documents);
