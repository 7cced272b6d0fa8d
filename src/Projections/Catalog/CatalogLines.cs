using System.Data.Common;
using Marten;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Summary;
using static Sanzi.Projections.Storage.StoredEnum;

namespace Sanzi.Projections.Catalog;

/// <summary>
/// The catalog (账册目录) of now, read as columns. For each row PostgreSQL picks the item as this unit's books show it (its
/// own card, or the card as it handed it over, as <see cref="CatalogRow.LineFor"/> does), keeps the lines of the book the
/// report covers, in the report's order, with the report's three counts on every line, and sends only the fields the
/// catalog prints. So the answer can be written line by line as the lines arrive (<see cref="CatalogWriter"/>); the lines
/// are those of <see cref="CatalogReport.Build"/>, byte for byte.
/// </summary>
public sealed class CatalogLines(UnitBook unit, Ownership book, NpgsqlCommand command, IReadOnlyDictionary<Guid, string> names)
{
    public UnitBook Unit => unit;

    public Ownership Book => book;

    /// <summary>
    /// The unit and the book the report covers, chosen from the kept totals among the books of every line the unit lists, as
    /// <see cref="BookOf.Choose"/> would from the lines themselves; a unit keeping two books without one asked is refused here,
    /// before a byte is written.
    /// </summary>
    public static async Task<CatalogLines> OpenAsync(IQuerySession session, string code, Ownership? book, CancellationToken ct)
    {
        var unit = await session.UnitAsync(code, ct);
        var books = await UnitTotals.BooksAsync(session, [code], ct);
        var chosen = BookOf.Choose(book, books.GetValueOrDefault(code) ?? [], code);
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var command = new NpgsqlCommand(Sql(schema))
        {
            Parameters =
            {
                new() { Value = code }, new() { Value = $"[\"{code}\"]", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb },
                new() { Value = chosen.ToString() },
            },
        };
        return new CatalogLines(unit, chosen, command, await NamesAsync(session, schema, ct));
    }

    /// <summary>The whole report, for the formats that lay it out as a whole (xlsx, the printed page).</summary>
    public static async Task<CatalogReport> LoadAsync(IQuerySession session, string code, Ownership? book, CancellationToken ct) =>
        await (await OpenAsync(session, code, book, ct)).LoadAsync(session, ct);

    public async Task<CatalogReport> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        var lines = new List<CatalogLine>();
        var counts = await ReadAsync(session, (reader, _) =>
        {
            lines.Add(new Line(reader, NameOf).ToCatalogLine());
            return ValueTask.CompletedTask;
        }, ct);
        return new CatalogReport(unit.Code, unit.Name, null, null, counts.InBooks, counts.HandedOver, counts.Disposed, lines, book);
    }

    /// <summary>The report's counts, as every line carries them (all zero for a unit without lines).</summary>
    public readonly record struct Counts(int InBooks, int HandedOver, int Disposed);

    /// <summary>Runs the query, calling <paramref name="each"/> for every line in order with the counts, and gives the counts.</summary>
    public async Task<Counts> ReadAsync(IQuerySession session, Func<DbDataReader, Counts, ValueTask> each, CancellationToken ct)
    {
        var counts = default(Counts);
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            if (counts == default) counts = new Counts((int)reader.GetInt64(26), (int)reader.GetInt64(27), (int)reader.GetInt64(28));
            await each(reader, counts);
        }
        return counts;
    }

    /// <summary>A unit's name as <c>移交至</c> writes it, its code when the ledger does not know it.</summary>
    public string NameOf(string code) => names.GetValueOrDefault(StreamIds.ForUnit(code), code);

    /// <summary>Every unit's name by its stream id: a few hundred short rows in a county's database, read without deserialising.</summary>
    private static async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IQuerySession session, string schema, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>();
        await using var reader = await session.ExecuteReaderAsync(new NpgsqlCommand($"select id, data ->> 'name' from {schema}.mt_doc_unitbook"), ct);
        while (await reader.ReadAsync(ct))
            names[reader.GetGuid(0)] = reader.GetString(1);
        return names;
    }

    /// <summary>One line of the query, read field by field where the writers need them; the arithmetic of <see cref="Item.BookValue"/>.</summary>
    public readonly struct Line(DbDataReader r, Func<string, string> nameOf) : ICatalogLine
    {
        /// <summary>Read once: the value, the status and its text each ask for them.</summary>
        private readonly ItemStatus _status = Parse<ItemStatus>(r.GetString(16));

        private readonly string? _handedOverTo = r.IsDBNull(24) ? null : r.GetString(24);

        public Guid Id => r.GetGuid(0);
        public string ItemCode => r.GetString(1);
        public string Name => r.GetString(2);
        public ItemKind Kind => Parse<ItemKind>(r.GetString(3));
        public string Category => r.GetString(4);
        public string CategoryName => r.GetString(5);
        public string? Specification => Text(6);
        public decimal Quantity => r.GetDecimal(7);
        public string MeasureUnit => r.GetString(8);
        public string? Location => Text(9);
        public string? Keeper => Text(10);
        public decimal OriginalValue => r.GetDecimal(11);
        public decimal AccumulatedDepreciation => r.GetDecimal(12);

        /// <summary>As <see cref="Item.BookValue"/>: a surplus found at the count is not in the books until handed over.</summary>
        public decimal NetValue => r.GetBoolean(14) && r.IsDBNull(15) ? 0m : r.GetDecimal(13);

        /// <summary>As <see cref="Item.VerifiedValue"/>.</summary>
        public decimal VerifiedValue => _status == ItemStatus.Missing ? 0m : r.IsDBNull(17) ? r.GetDecimal(13) : r.GetDecimal(17);

        public string? Reason => Text(18);
        public string? TitleDocument => Text(19);
        public string? Encumbrance => CatalogReport.Encumbrance(Text(20), Date(21), Date(22));
        public Ownership Ownership => Parse<Ownership>(r.GetString(23));
        public string? HandedOverTo => _handedOverTo;
        public LocalDate? HandedOverOn => Date(25);
        public string Status => _handedOverTo is not null ? "handedOver" : CatalogReport.StatusOf(_status);
        public string StatusText => CatalogReport.StatusText(Status, HandedOverTo, nameOf);

        public CatalogLine ToCatalogLine()
        {
            var (book, verified) = (NetValue, VerifiedValue);
            return new CatalogLine(Id, ItemCode, Name, Kind, Category, CategoryName, Specification, Quantity, MeasureUnit, Location, Keeper,
                OriginalValue, AccumulatedDepreciation, book, verified, verified - book, Reason, TitleDocument, Encumbrance, Status, StatusText,
                HandedOverTo, HandedOverOn, Ownership);
        }

        private string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);

        private LocalDate? Date(int i) => r.IsDBNull(i) ? null : LocalDatePattern.Iso.Parse(r.GetString(i)).Value;
    }

    /// <summary>
    /// The unit's rows through the GIN index on <c>units</c>; for a row whose item now belongs elsewhere, the last transfer
    /// out of this unit gives the card as handed over, its destination and its day. Ordered as the report orders its lines
    /// (item code by code point, then id: PostgreSQL compares uuids as .NET's <see cref="Guid.CompareTo(Guid)"/> does; code
    /// points order as .NET's ordinal does but for the rare pair of a character past U+FFFF against one from U+E000 to U+FFFF);
    /// the counts are taken over the chosen book's lines before the order. Each row document is taken apart once
    /// (<c>jsonb_to_record</c>), its transfer picked once and the card chosen once (each <c>offset 0</c> keeps the planner from
    /// copying an expression into every field that uses it). The transfer is a subquery in the select list, not a lateral join:
    /// the planner put a cache (Memoize) keyed on each row's whole card and transfers in front of a join, which never hits.
    /// </summary>
    private static string Sql(string schema) => $"""
        select id, item_code, name, kind, category, category_name, specification, quantity, measure_unit, location, keeper, original_value,
          accumulated_depreciation, value, found_at_count, handover_id, status, verified_value, reason, title_document, contract_number,
          contract_from, contract_to, ownership, to_unit, handed_over_on,
          count(*) filter (where to_unit is null and lower(status) <> 'disposed') over (),
          count(*) filter (where to_unit is not null) over (),
          count(*) filter (where to_unit is null and lower(status) = 'disposed') over ()
        from (
          select c.id, i ->> 'itemCode' as item_code, i ->> 'name' as name, i ->> 'kind' as kind, i ->> 'category' as category,
            i ->> 'categoryName' as category_name, i ->> 'specification' as specification, (i ->> 'quantity')::numeric as quantity,
            i ->> 'measureUnit' as measure_unit, i ->> 'location' as location, i ->> 'keeper' as keeper,
            (i ->> 'originalValue')::numeric as original_value, (i ->> 'accumulatedDepreciation')::numeric as accumulated_depreciation,
            (i ->> 'value')::numeric as value, coalesce((i ->> 'foundAtCount')::boolean, false) as found_at_count, i ->> 'handoverId' as handover_id,
            i ->> 'status' as status, (i -> 'count' ->> 'verifiedValue')::numeric as verified_value, i -> 'count' ->> 'reason' as reason,
            i ->> 'titleDocument' as title_document, i -> 'contract' ->> 'number' as contract_number, i -> 'contract' ->> 'from' as contract_from,
            i -> 'contract' ->> 'to' as contract_to, i ->> 'ownership' as ownership, c.tr ->> 'toUnit' as to_unit, c.tr ->> 'on' as handed_over_on
          from (
            select h.id, h.tr, coalesce(h.tr -> 'asHeld', h.item) as i
            from (
              select r.id, d.item, case when d.item ->> 'unitCode' <> $1 then (
                  select a.tr from jsonb_array_elements(d.transfers) with ordinality a(tr, n) where a.tr ->> 'fromUnit' = $1 order by a.n desc limit 1)
                end as tr
              from {schema}.mt_doc_catalogrow r cross join lateral jsonb_to_record(r.data) as d(item jsonb, transfers jsonb)
              where r.data -> 'units' @> $2
              offset 0) h
            offset 0) c) l
        where lower(ownership) = lower($3)
        order by item_code collate "C", id
        """;
}
