using System.Security.Cryptography;
using System.Text;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Imports;

/// <summary>
/// A row that passed every rule: its key, the id its item will have, the command that enters it, and the event its decision
/// took against the books it was checked on (the import writes that event unless the books have changed since).
/// </summary>
public sealed record PlannedRow(int Row, string Key, Guid ItemId, ILedgerCommand Command, ILedgerEvent Decided);

/// <summary>
/// Every row of a file checked before anything is written: cells that don't parse, the command's own
/// rules, codes used twice, and the decision against the unit's books. A row's key is its item code in
/// the unit's register, or, for a row without one, a hash of its content and how often that content came
/// before; the item's stream id is derived from the key, so the same row always lands on the same stream.
/// </summary>
public sealed record ImportPlan(TableSpec Spec, IReadOnlyList<PlannedRow> Rows, IReadOnlyList<RowProblem> Problems)
{
    public static ImportPlan Build(TableSpec spec, UnitBook unit, IReadOnlyList<ImportRow> rows, Stamp stamp)
    {
        var planned = new List<PlannedRow>(rows.Count);
        var problems = new List<RowProblem>();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var contents = new Dictionary<string, int>(StringComparer.Ordinal);
        var prefix = $"{unit.Code}/{ApiNames.Name(spec.Table)}/";
        foreach (var row in rows)
        {
            var key = Key(spec, prefix, row, contents);
            var cells = new Cells(row);
            var (command, found) = Read(spec, cells, key);
            if (row[spec.CodeHeader] is { } code && !codes.TryAdd(code, row.Number))
                found.Add(new RowProblem(row.Number, spec.CodeHeader, $"'{code}' is already used by row {codes[code]}"));

            var itemId = StreamIds.NameBased("import/" + key);
            var decided = command is not null && found.Count == 0 ? Decide(spec, unit, row.Number, command, itemId, stamp, found) : null;
            if (decided is not null) planned.Add(new PlannedRow(row.Number, key, itemId, command!, decided));
            problems.AddRange(found);
        }

        return new ImportPlan(spec, planned, problems);
    }

    /// <summary>
    /// The row as the command's request, validated: a cell that didn't parse is reported once, not again as missing.
    /// </summary>
    private static (ILedgerCommand? Command, List<RowProblem> Problems) Read(TableSpec spec, Cells cells, string key)
    {
        try
        {
            var command = spec.Read(cells, key);
            return (cells.Problems.Count == 0 ? command : null, cells.Problems);
        }
        catch (Refused refused) when (refused.Kind == RefusalKind.Invalid)
        {
            var unparsed = cells.Problems.Select(p => p.Column).ToHashSet();
            return (null, [.. cells.Problems, .. ProblemsOf(spec, cells.Row, refused).Where(p => !unparsed.Contains(p.Column))]);
        }
    }

    /// <summary>
    /// The decision's event, or null with its field-level refusals added to the row's problems; a refusal of the whole
    /// books (a frozen or closed unit) refuses the whole import, as it would refuse every row.
    /// </summary>
    private static ILedgerEvent? Decide(TableSpec spec, UnitBook unit, int row, ILedgerCommand command, Guid id, Stamp stamp, List<RowProblem> found)
    {
        try
        {
            return spec.Decide(command, unit, id, stamp);
        }
        catch (Refused refused) when (refused.Kind == RefusalKind.Invalid)
        {
            found.AddRange(ProblemsOf(spec, row, refused));
            return null;
        }
    }

    private static List<RowProblem> ProblemsOf(TableSpec spec, int row, Refused refused) =>
        refused.Errors.SelectMany(e => e.Value.Select(rule => new RowProblem(row, spec.HeaderOf(e.Key), rule))).ToList();

    /// <param name="prefix">The unit's code and the register's name, the same for every row of a file.</param>
    private static string Key(TableSpec spec, string prefix, ImportRow row, Dictionary<string, int> contents)
    {
        if (row[spec.CodeHeader] is { } code) return prefix + code;
        var content = string.Join('\u001f', spec.Columns.Select(c => row[c.Header] ?? ""));
        var seen = contents.GetValueOrDefault(content);
        contents[content] = seen + 1;
        return $"{prefix}#{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32]}/{seen}";
    }
}
