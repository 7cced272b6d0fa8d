using System.Text.Json;
using Marten;
using NodaTime.Text;
using Npgsql;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;

namespace Sanzi.Projections.Debts;

/// <summary>
/// The register of now as JSON, copied from the lines the documents keep printed (<see cref="DebtLine.Printed"/>): PostgreSQL
/// sends the unit's lines with the print that counts for the unit, they are put in the register's order (side, counterparty,
/// item code, id), and each counterparty is written with the sums <see cref="DebtRegisterReport"/> takes. The
/// bytes are those of serializing the report built from the lines (a test holds them equal).
/// </summary>
public sealed class DebtRegisterWriter(UnitBook unit, Ownership book, IReadOnlyList<DebtRegisterWriter.Line> lines)
{
    /// <summary>
    /// The unit, the book the register covers (chosen from the kept totals; refused here, before a byte is written) and its
    /// lines in order; none when a line has no print yet (a document written before prints were kept, until the
    /// <see cref="DebtLine"/> projection is rebuilt), for the register to be built instead.
    /// </summary>
    public static async Task<DebtRegisterWriter?> OpenAsync(IQuerySession session, string code, Ownership? book, CancellationToken ct)
    {
        var unit = await session.UnitAsync(code, ct);
        var books = await UnitTotals.BooksAsync(session, [code], ct);
        var chosen = BookOf.Choose(book, books.GetValueOrDefault(code) ?? [], code);
        return await LinesAsync(session, code, chosen, ct) is { } lines ? new DebtRegisterWriter(unit, chosen, lines) : null;
    }

    public async Task JsonAsync(Stream body, CancellationToken ct)
    {
        await using var chunks = new JsonChunks(body);
        var json = chunks.Json;
        json.WriteStartObject();
        json.WriteString("unitCode", unit.Code);
        json.WriteString("unitName", unit.Name);
        json.WriteNull("asOf");
        json.WriteNull("knownAt");
        if (unit.DebtsLockedAsOf is { } locked) json.WriteString("lockedAsOf", LocalDatePattern.Iso.Format(locked));
        else json.WriteNull("lockedAsOf");
        json.WriteStartArray("counterparties");

        var group = new Group();
        foreach (var line in lines)
        {
            if (group.Lines.Count > 0 && (group.Side != line.Side || group.Name != line.Counterparty))
            {
                group.Write(json);
                await chunks.SendIfFullAsync(ct);
            }
            group.Add(line);
        }
        if (group.Lines.Count > 0) group.Write(json);

        json.WriteEndArray();
        json.WriteString("book", ApiNames.Name(book));
        json.WriteEndObject();
        await chunks.SendAsync(ct);
    }

    /// <summary>A line of the unit's register: its print for the unit, its status there, and what orders and sums it.</summary>
    public sealed record Line(ItemKind Side, string Counterparty, HolderType Type, string ItemCode, Guid Id, decimal Balance, string Json,
        decimal? LockedBalance, bool ChangedAfterLock);

    /// <summary>
    /// The unit's lines in the register's order, as <see cref="DebtRegisterReport"/> orders them (side, counterparty, item code,
    /// id; ordinal): sorted here rather than by PostgreSQL, whose collations do not compare as .NET's ordinal does.
    /// </summary>
    private static async Task<List<Line>?> LinesAsync(IQuerySession session, string code, Ownership book, CancellationToken ct)
    {
        var command = new NpgsqlCommand(Sql(session.DocumentStore.Options.DatabaseSchemaName))
        {
            Parameters = { new() { Value = code }, new() { Value = book.ToString() } },
        };
        var lines = new List<Line>();
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(7)) return null;
                lines.Add(new Line(Parse<ItemKind>(reader.GetString(1)), reader.GetString(2), Parse<HolderType>(reader.GetString(3)), reader.GetString(4),
                    reader.GetGuid(5), reader.GetDecimal(6), DebtPrint.With(reader.GetString(7), reader.GetString(0)),
                    reader.IsDBNull(8) ? null : reader.GetDecimal(8), reader.GetBoolean(9)));
            }
        lines.Sort((a, b) => a.Side != b.Side ? a.Side.CompareTo(b.Side)
            : string.CompareOrdinal(a.Counterparty, b.Counterparty) is not 0 and var byName ? byName
            : string.CompareOrdinal(a.ItemCode, b.ItemCode) is not 0 and var byCode ? byCode
            : a.Id.CompareTo(b.Id));
        return lines;
    }

    private static T Parse<T>(string name) where T : struct, Enum => Enum.Parse<T>(name, ignoreCase: true);

    /// <summary>One counterparty's lines on one side, and the sums <see cref="DebtRegisterReport"/> writes above them.</summary>
    private sealed class Group
    {
        public ItemKind Side { get; private set; }
        public string Name { get; private set; } = "";
        private HolderType _type;
        private decimal? _locked;
        private decimal _current;
        private bool _changed;
        public List<string> Lines { get; } = [];

        public void Add(Line line)
        {
            if (Lines.Count == 0) (Side, Name, _type, _locked, _current, _changed) = (line.Side, line.Counterparty, line.Type, null, 0m, false);
            Lines.Add(line.Json);
            // As Enumerable.Sum adds, from 0m, so that the scale of the sums is the report's.
            if (line.LockedBalance is not null || _locked is not null) _locked = (_locked ?? 0m) + (line.LockedBalance ?? 0m);
            _current += line.Balance;
            _changed |= line.ChangedAfterLock;
        }

        public void Write(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteString("side", ApiNames.Name(Side));
            json.WriteString("type", ApiNames.Name(_type));
            if (_locked is { } locked) json.WriteNumber("lockedBalance", locked);
            else json.WriteNull("lockedBalance");
            json.WriteNumber("currentBalance", _current);
            json.WriteBoolean("changedAfterLock", _changed);
            json.WriteStartArray("lines");
            foreach (var line in Lines) json.WriteRawValue(line, skipInputValidation: true);
            json.WriteEndArray();
            json.WriteEndObject();
            Lines.Clear();
        }
    }

    /// <summary>
    /// The kept register rows of the unit and book (<see cref="SummaryTotals.DebtsTable"/>) with each line's print for this
    /// unit (its own lock's, else the line's last); each document taken apart once (<c>jsonb_to_record</c>), not once a field.
    /// </summary>
    private static string Sql(string schema) => $"""
        select d.status, x.side, x.counterparty, x."counterpartyType", x."itemCode", l.id, x.balance, p.p ->> 'json', (p.p ->> 'lockedBalance')::numeric,
          (p.p ->> 'changedAfterLock')::boolean
        from {schema}.{SummaryTotals.DebtsTable} d
          join {schema}.mt_doc_debtline l on l.id = d.item_id
          cross join lateral jsonb_to_record(l.data) as x(side text, counterparty text, "counterpartyType" text, "itemCode" text, balance numeric, printed jsonb)
          cross join lateral (select coalesce(x.printed -> $1, x.printed -> '') as p offset 0) p
        where d.unit_code = $1 and lower(d.book) = lower($2)
        """;
}
