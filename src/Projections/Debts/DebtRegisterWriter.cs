using System.IO.Pipelines;
using System.Text.Json;
using Marten;
using NodaTime.Text;
using Npgsql;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;
using static Sanzi.Projections.Storage.StoredEnum;

namespace Sanzi.Projections.Debts;

/// <summary>
/// The register of now as JSON, written while PostgreSQL sends the unit's kept lines (<see cref="DebtRegisterTable"/>) in the
/// register's order (side, counterparty, item code, id), each line's JSON copied as kept and each counterparty written with the
/// sums <see cref="DebtRegisterReport"/> takes, added up as its lines go by. The bytes are those of serializing the report built
/// from the lines (a test holds them equal).
/// </summary>
public sealed class DebtRegisterWriter(IQuerySession session, UnitBook unit, Ownership book)
{
    /// <summary>
    /// The unit and the book the register covers (chosen from the kept totals; refused here, before a byte is written); none
    /// when a line of the unit is kept without its JSON (its document written before prints were kept, until the
    /// <see cref="DebtLine"/> projection is rebuilt), for the register to be built instead.
    /// </summary>
    public static async Task<DebtRegisterWriter?> OpenAsync(IQuerySession session, string code, Ownership? book, CancellationToken ct)
    {
        var unit = await session.UnitAsync(code, ct);
        var books = await UnitTotals.BooksAsync(session, [code], ct);
        var chosen = BookOf.Choose(book, books.GetValueOrDefault(code) ?? [], code);
        var unprinted = await session.QueryAsync<bool>(
            $"select exists (select 1 from {Schema(session)}.{DebtRegisterTable.LinesTable} where unit_code = ? and json is null)", ct, code);
        return unprinted.Single() ? null : new DebtRegisterWriter(session, unit, chosen);
    }

    public async Task JsonAsync(PipeWriter body, CancellationToken ct)
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
        var command = new NpgsqlCommand($"""
            select side, counterparty, counterparty_type, balance, locked_balance, changed_after_lock, json
            from {Schema(session)}.{DebtRegisterTable.LinesTable} where unit_code = $1 and book = lower($2) order by register_order
            """) { Parameters = { new() { Value = unit.Code }, new() { Value = book.ToString() } } };
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
            {
                var (side, name) = (reader.GetString(0), reader.GetString(1));
                if (group.Lines.Count > 0 && (group.SideName != side || group.Name != name))
                {
                    group.Write(json);
                    await chunks.SendIfFullAsync(ct);
                }
                group.Add(side, name, reader.GetString(2), reader.GetDecimal(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.GetBoolean(5),
                    reader.GetFieldValue<byte[]>(6));
            }
        if (group.Lines.Count > 0) group.Write(json);

        json.WriteEndArray();
        json.WriteString("book", ApiNames.Name(book));
        json.WriteEndObject();
        await chunks.SendAsync(ct);
    }

    /// <summary>
    /// One counterparty's lines on one side, and the sums <see cref="DebtRegisterReport"/> writes above them; side and type as the
    /// documents store them, named as the API names them.
    /// </summary>
    private sealed class Group
    {
        public string SideName { get; private set; } = "";
        public string Name { get; private set; } = "";
        private string _type = "";
        private decimal? _locked;
        private decimal _current;
        private bool _changed;
        public List<byte[]> Lines { get; } = [];

        public void Add(string side, string name, string type, decimal balance, decimal? lockedBalance, bool changedAfterLock, byte[] line)
        {
            if (Lines.Count == 0) (SideName, Name, _type, _locked, _current, _changed) = (side, name, type, null, 0m, false);
            Lines.Add(line);
            // As Enumerable.Sum adds, from 0m, so that the scale of the sums is the report's.
            if (lockedBalance is not null || _locked is not null) _locked = (_locked ?? 0m) + (lockedBalance ?? 0m);
            _current += balance;
            _changed |= changedAfterLock;
        }

        public void Write(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString(ReportProperty.Name, Name);
            json.WriteString(ReportProperty.Side, ApiNames.Name(Parse<ItemKind>(SideName)));
            json.WriteString(ReportProperty.Type, ApiNames.Name(Parse<HolderType>(_type)));
            if (_locked is { } locked) json.WriteNumber(ReportProperty.LockedBalance, locked);
            else json.WriteNull(ReportProperty.LockedBalance);
            json.WriteNumber(ReportProperty.CurrentBalance, _current);
            json.WriteBoolean(ReportProperty.ChangedAfterLock, _changed);
            json.WriteStartArray(ReportProperty.Lines);
            foreach (var line in Lines) WriteLine(json, line);
            json.WriteEndArray();
            json.WriteEndObject();
            Lines.Clear();
        }
    }

    /// <summary>
    /// A line as kept; one kept before the answers wrote Chinese as it is (as <c>\uXXXX</c>) is written again through the
    /// answers' encoder, numbers as they were, so that a ledger upgraded in place answers as a new one does.
    /// </summary>
    private static void WriteLine(Utf8JsonWriter json, byte[] line)
    {
        if (line.AsSpan().IndexOf("\\u"u8) < 0)
        {
            json.WriteRawValue(line, skipInputValidation: true);
            return;
        }
        using var document = JsonDocument.Parse(line);
        document.RootElement.WriteTo(json);
    }

    private static string Schema(IQuerySession session) => session.DocumentStore.Options.DatabaseSchemaName;
}
