using Marten;
using Sanzi.Api.Hosting;
using Sanzi.Projections.Audit;
using Wolverine.Http;

namespace Sanzi.Api.Audit;

public static class AuditEndpoints
{
    /// <summary>
    /// The audit trail (审计轨迹), filtered by unit, actor, event type, amount and recording time, oldest first.
    /// Paged by a cursor: pass a page's <c>next</c> as <c>after</c>; the key is the event sequence, so a page
    /// costs an index range scan however deep it is.
    /// </summary>
    [WolverineGet("/api/audit")]
    public static async Task<IResult> Search(string? unit, string? actor, string? type, string? minAmount, string? maxAmount,
        string? from, string? to, string? after, string? limit, IQuerySession session, CancellationToken ct)
    {
        QueryParameters.Unit(unit, "unit");
        QueryParameters.OneOf(type, "type", EventFacts.Types.Keys);
        var min = QueryParameters.Amount(minAmount, "minAmount");
        var max = QueryParameters.Amount(maxAmount, "maxAmount");
        QueryParameters.Ordered(min, max, "maxAmount");
        var since = QueryParameters.Instant(from, "from")?.ToDateTimeOffset();
        var until = QueryParameters.Instant(to, "to")?.ToDateTimeOffset();
        QueryParameters.Ordered(since, until, "to");
        var cursor = QueryParameters.Number(after, "after", 0, long.MaxValue, 0);
        var size = (int)QueryParameters.Number(limit, "limit", 1, 500, 100);

        IQueryable<AuditEntry> query = session.Query<AuditEntry>().Where(x => x.Id > cursor);
        if (unit is not null) query = query.Where(x => x.UnitCode == unit);
        if (actor is not null) query = query.Where(x => x.Actor == actor);
        if (type is not null) query = query.Where(x => x.Type == type);
        if (min is not null) query = query.Where(x => x.Amount >= min);
        if (max is not null) query = query.Where(x => x.Amount <= max);
        if (since is not null) query = query.Where(x => x.RecordedAt >= since);
        if (until is not null) query = query.Where(x => x.RecordedAt < until);
        var entries = await query.OrderBy(x => x.Id).Take(size).ToListAsync(ct);
        return Results.Ok(new AuditPage(entries, entries.Count == size ? entries[^1].Id : null));
    }
}

/// <summary>A page of the audit trail; <see cref="Next"/> is the cursor of the following page, absent on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Next);
