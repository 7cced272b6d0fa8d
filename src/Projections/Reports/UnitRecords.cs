using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Catalog;

namespace Sanzi.Projections.Reports;

/// <summary>
/// What every report of a unit is computed from: its books and the catalog rows of every item its books have
/// listed, either as the projections hold them now or folded from the events at a <see cref="ReportTime"/>. The lines
/// are those of one <see cref="Book"/> only (collective or state), so no report ever mixes the two.
/// </summary>
public sealed record UnitRecords(UnitBook Unit, IReadOnlyList<UnitLine> Lines, IReadOnlyDictionary<string, string> UnitNames, ReportTime Time,
    Ownership Book = Ownership.Collective)
{
    public string NameOf(string code) => UnitNames.TryGetValue(code, out var name) ? name : code;

    public static async Task<UnitRecords> LoadAsync(IQuerySession session, string code, ReportTime time, CancellationToken ct, Ownership? book = null)
    {
        var unit = await session.UnitAsync(code, ct);
        return await OfRowsAsync(session, unit, code, await CatalogRows.OfUnitAsync(session, code, ct), null, time, ct, book);
    }

    /// <summary>
    /// The records of a unit from rows read beforehand (every row listing it, or a subset when <paramref name="held"/>
    /// names the books the unit's lines belong to, from the kept totals, so that a subset chooses the same book).
    /// </summary>
    public static async Task<UnitRecords> OfRowsAsync(IQuerySession session, UnitBook unit, string code, IReadOnlyList<CatalogRow> rows,
        IEnumerable<Ownership>? held, ReportTime time, CancellationToken ct, Ownership? book = null)
    {
        if (!time.IsNow)
        {
            unit = (await Replay.AtAsync<UnitBook>(session, [unit.Id], time, ct)).SingleOrDefault()
                   ?? throw Refused.NotFound($"Unit {code} was not yet in the ledger {time}.");
            // An item's Units only grow, so the rows listing the unit now are all that can have listed it then.
            rows = (await Replay.AtAsync<CatalogRow>(session, rows.Select(r => r.Id), time, ct)).Where(r => r.Units.Contains(code)).ToList();
        }

        var all = rows.Select(r => r.LineFor(code)).ToList();
        var chosen = BookOf.Choose(book, held ?? all.Select(l => l.Item.Ownership), code);
        var lines = all.Where(l => l.Item.Ownership == chosen).OrderBy(l => l.Item.ItemCode, StringComparer.Ordinal).ThenBy(l => l.Item.Id).ToList();
        var others = lines.Select(l => l.Transfer?.ToUnit ?? l.Item.UnitCode).Append(unit.SuccessorCode).OfType<string>()
            .Where(c => c != code).Distinct().Select(StreamIds.ForUnit).ToList();
        var names = (await session.LoadManyAsync<UnitBook>(ct, others)).Append(unit).ToDictionary(u => u.Code, u => u.Name);
        return new UnitRecords(unit, lines, names, time, chosen);
    }
}
