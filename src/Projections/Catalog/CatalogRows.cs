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

    /// <summary>
    /// The rows any of the units list that were counted or handed over: all a reconciliation can find a figure in. One
    /// query for a reform's units, through the same index (one containment per code, or-ed), so an item the old unit
    /// handed to the new one is read once.
    /// </summary>
    public static Task<IReadOnlyList<CatalogRow>> CountedOrHandedOverAsync(IQuerySession session, IReadOnlyList<string> unitCodes, CancellationToken ct) =>
        session.QueryAsync<CatalogRow>(
            $"where ({string.Join(" or ", unitCodes.Select(_ => "data -> 'units' @> ?::jsonb"))}) " +
            "and (data ->> 'countedValue' is not null or jsonb_array_length(data -> 'transfers') > 0)", ct,
            unitCodes.Select(c => (object)JsonSerializer.Serialize(new[] { c })).ToArray());
}
