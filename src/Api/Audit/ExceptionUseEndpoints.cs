using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Audit;
using Wolverine.Http;

namespace Sanzi.Api.Audit;

public static class ExceptionUseEndpoints
{
    /// <summary>
    /// Every exception (特批) of a reform with every movement recorded under it, so an inspector reviews each use
    /// against its reason and ceiling in one list.
    /// </summary>
    [WolverineGet("/api/reforms/{id}/exception-uses")]
    public static async Task<IResult> List(Guid id, IQuerySession session, CancellationToken ct)
    {
        var reform = await session.LoadAsync<Reform>(id, ct) ?? throw Refused.NotFound($"Reform {id} is not in the ledger.");
        var list = new List<ExceptionUses>();
        foreach (var x in reform.Exceptions)
        {
            var key = x.ExceptionId.ToString();
            var uses = await session.Query<AuditEntry>().Where(e => e.Documents.Contains(key) && e.Type != "exceptionApproved")
                .OrderBy(e => e.Id).ToListAsync(ct);
            list.Add(new ExceptionUses(x.ExceptionId, x.UnitCode, ApiNames.Name(x.Scope), x.MaxAmount, x.Approver, x.Document, x.Reason,
                x.Stamp.Actor, uses.Sum(u => u.Amount ?? 0m), uses));
        }
        return Results.Ok(list);
    }
}

/// <summary>One exception, who granted it under which document and why, and the movements that used it.</summary>
public sealed record ExceptionUses(
    Guid ExceptionId,
    string UnitCode,
    string Scope,
    decimal MaxAmount,
    string Approver,
    string Document,
    string Reason,
    string RecordedBy,
    decimal Used,
    IReadOnlyList<AuditEntry> Uses);
