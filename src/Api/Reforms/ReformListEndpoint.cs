using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Wolverine.Http;

namespace Sanzi.Api.Reforms;

/// <summary>One line of the reform list: the reform and the stage each of its units has reached.</summary>
public sealed record ReformListing(Guid Id, string Title, string ApprovalDocument, bool Frozen, bool Completed, IReadOnlyList<ReformUnit> Units);

public static class ReformListEndpoint
{
    /// <summary>Every reform (调整方案), newest first, with its old and new units and the stage of each.</summary>
    [WolverineGet("/api/reforms")]
    public static async Task<IReadOnlyList<ReformListing>> List(IQuerySession session, CancellationToken ct)
    {
        var reforms = await session.Query<Reform>().Take(500).ToListAsync(ct);
        var codes = reforms.SelectMany(r => r.Predecessors.Select(p => p.Code).Concat(r.Successors.Select(s => s.Code))).Distinct().ToList();
        var units = (await session.LoadManyAsync<UnitBook>(ct, codes.Select(StreamIds.ForUnit))).ToDictionary(u => u.Code);
        return reforms.OrderByDescending(r => r.Id).Select(r => new ReformListing(r.Id, r.Title, r.ApprovalDocument, r.IsFrozen, r.Completed,
                r.Predecessors.Select(p => p.Code).Concat(r.Successors.Select(s => s.Code))
                    .Select(c => units.TryGetValue(c, out var u) ? new ReformUnit(u.Code, u.Name, u.Stage) : new ReformUnit(c, c, UnitStage.Open)).ToList()))
            .ToList();
    }
}
