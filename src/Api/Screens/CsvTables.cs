using System.Text;

namespace Sanzi.Api.Screens;

/// <summary>
/// Reads the API's CSV rendering of a report back into tables, so that the screens show exactly the columns and
/// Chinese headers the download has. A report of several tables writes each one's name alone on a line after a blank line.
/// </summary>
public static class CsvTables
{
    public sealed record Table(string? Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

    public static IReadOnlyList<Table> Parse(string csv)
    {
        var tables = new List<Table>();
        foreach (var block in Records(csv.TrimStart('\uFEFF')).Aggregate(new List<List<List<string>>> { new() }, (blocks, record) =>
                 {
                     if (record is [""]) blocks.Add([]);
                     else blocks[^1].Add(record);
                     return blocks;
                 }).Where(b => b.Count > 0))
        {
            var name = block.Count > 1 && block[0].Count == 1 ? block[0][0] : null;
            var rows = name is null ? block : block.Skip(1).ToList();
            tables.Add(new Table(name, rows[0], rows.Skip(1).Select(r => (IReadOnlyList<string>)r).ToList()));
        }
        return tables;
    }

    private static IEnumerable<List<string>> Records(string csv)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
