using System.Text.Json;
using Marten;

namespace Sanzi.Projections.Catalog;

public static class CatalogRows
{
    /// <summary>The SQL filter that finds a unit's rows; the GIN index over <c>data -> 'units'</c> answers exactly this.</summary>
    public const string OfUnitFilter = "where data -> 'units' @> ?::jsonb";

    /// <summary>
    /// Every row that a unit's books list or listed, in one indexed query. Written in SQL because Marten's LINQ
    /// turns <c>Units.Contains(code)</c> into containment on the whole document, which that index can't serve.
    /// </summary>
    public static Task<IReadOnlyList<CatalogRow>> OfUnitAsync(IQuerySession session, string unitCode, CancellationToken ct) =>
        session.QueryAsync<CatalogRow>(OfUnitFilter, ct, JsonSerializer.Serialize(new[] { unitCode }));
}
