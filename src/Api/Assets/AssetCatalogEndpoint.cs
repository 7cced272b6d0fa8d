using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Assets;
using Wolverine.Http;

namespace Sanzi.Api.Assets;

public static class AssetCatalogEndpoint
{
    /// <summary>The unit's asset catalog (账册目录), in item-code order.</summary>
    [WolverineGet("/api/units/{code}/assets")]
    public static async Task<IResult> Get(string code, IQuerySession session, CancellationToken ct)
    {
        if (!DivisionCode.IsValid(code))
            throw Refused.Invalid("code", "must be a 9-digit township or 12-digit village statistical division code");
        var items = await session.Query<AssetCatalogEntry>()
            .Where(x => x.UnitCode == code)
            .OrderBy(x => x.ItemCode)
            .ToListAsync(ct);
        return Results.Ok(new AssetCatalog(code, items.Count, items.Sum(x => x.BookValue), items));
    }
}

/// <summary>A unit's asset catalog with its count and total book value.</summary>
public sealed record AssetCatalog(string UnitCode, int Count, decimal TotalBookValue, IReadOnlyList<AssetCatalogEntry> Items);
