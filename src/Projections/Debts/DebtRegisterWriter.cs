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
/// sends the unit's lines in the register's order (side, counterparty, item code, id) with the print that counts for the
/// unit, and each counterparty is written once its lines are in, with the sums <see cref="DebtRegisterReport"/> takes. The
/// bytes are those of serializing the report built from the lines (a test holds them equal).
/// </summary>
public sealed class DebtRegisterWriter(UnitBook unit, string code, Ownership book)
{
    /// <summary>The unit and the book the register covers, chosen from the kept totals; refused here, before a byte is written.</summary>
    public static async Task<DebtRegisterWriter> OpenAsync(IQuerySession session, string code, Ownership? book, CancellationToken ct)
    {
        var unit = await session.UnitAsync(code, ct);
        var books = await UnitTotals.BooksAsync(session, [code], ct);
        return new DebtRegisterWriter(unit, code, BookOf.Choose(book, books.GetValueOrDefault(code) ?? [], code));
    }

    public async Task JsonAsync(IQuerySession session, Stream body, CancellationToken ct)
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

        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var command = new NpgsqlCommand(Sql(schema)) { Parameters = { new() { Value = code }, new() { Value = book.ToString() } } };
        var group = new Group();
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
            {
                var (side, counterparty) = (reader.GetString(1), reader.GetString(2));
                if (group.Lines.Count > 0 && (group.Side != side || group.Name != counterparty))
                {
                    group.Write(json);
                    await chunks.SendIfFullAsync(ct);
                }
                group.Add(side, counterparty, reader.GetString(3), reader.GetDecimal(4), DebtPrint.With(reader.GetString(5), reader.GetString(0)),
                    reader.IsDBNull(6) ? null : reader.GetDecimal(6), reader.GetBoolean(7));
            }
        if (group.Lines.Count > 0) group.Write(json);

        json.WriteEndArray();
        json.WriteString("book", ApiNames.Name(book));
        json.WriteEndObject();
        await chunks.SendAsync(ct);
    }

    /// <summary>One counterparty's lines on one side, and the sums <see cref="DebtRegisterReport"/> writes above them.</summary>
    private sealed class Group
    {
        public string Side { get; private set; } = "";
        public string Name { get; private set; } = "";
        private string _type = "";
        private decimal? _locked;
        private decimal _current;
        private bool _changed;
        public List<string> Lines { get; } = [];

        public void Add(string side, string name, string type, decimal current, string line, decimal? locked, bool changed)
        {
            if (Lines.Count == 0) (Side, Name, _type, _locked, _current, _changed) = (side, name, type, null, 0m, false);
            Lines.Add(line);
            // As Enumerable.Sum adds, from 0m, so that the scale of the sums is the report's.
            if (locked is not null || _locked is not null) _locked = (_locked ?? 0m) + (locked ?? 0m);
            _current += current;
            _changed |= changed;
        }

        public void Write(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteString("side", ApiNames.Name(Enum.Parse<ItemKind>(Side, ignoreCase: true)));
            json.WriteString("type", ApiNames.Name(Enum.Parse<HolderType>(_type, ignoreCase: true)));
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
    /// unit (its own lock's, else the line's last), in the register's order: side and counterparty as the report groups them,
    /// then item code by code point and id, as PostgreSQL and .NET both compare uuids.
    /// </summary>
    private static string Sql(string schema) => $"""
        select d.status, l.data ->> 'side', l.data ->> 'counterparty', l.data ->> 'counterpartyType', (l.data ->> 'balance')::numeric,
          p.p ->> 'json', (p.p ->> 'lockedBalance')::numeric, (p.p ->> 'changedAfterLock')::boolean
        from {schema}.{SummaryTotals.DebtsTable} d
          join {schema}.mt_doc_debtline l on l.id = d.item_id
          cross join lateral (select coalesce(l.data -> 'printed' -> $1, l.data -> 'printed' -> '') as p) p
        where d.unit_code = $1 and lower(d.book) = lower($2)
        order by lower(l.data ->> 'side'), l.data ->> 'counterparty' collate "C", l.data ->> 'itemCode' collate "C", l.id
        """;
}
