using Marten;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Projections.Catalog;

/// <summary>
/// The catalog (账册目录) of now, read as columns. For each row PostgreSQL picks the item as this unit's books show it (its
/// own card, or the card as it handed it over, as <see cref="CatalogRow.LineFor"/> does) and sends only the fields the
/// catalog prints: a row document is about 1.2 KB of JSON with its transfers and shares, and deserialising ten thousand
/// of them cost more than reading them. The lines are those of <see cref="CatalogReport.Build"/>, byte for byte.
/// </summary>
public static class CatalogLines
{
    public static async Task<CatalogReport> LoadAsync(IQuerySession session, string code, Ownership? book, CancellationToken ct)
    {
        var unit = await session.UnitAsync(code, ct);
        var rows = new List<Row>();
        var command = new NpgsqlCommand(Sql(session.DocumentStore.Options.DatabaseSchemaName))
        {
            Parameters = { new() { Value = code }, new() { Value = $"[\"{code}\"]", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb } },
        };
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
                rows.Add(Row.Read(reader));

        var chosen = BookOf.Choose(book, rows.Select(r => r.Ownership), code);
        var held = rows.Where(r => r.Ownership == chosen).OrderBy(r => r.ItemCode, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
        var others = held.Select(r => r.ToUnit).OfType<string>().Distinct().Select(StreamIds.ForUnit).ToList();
        var names = (await session.LoadManyAsync<UnitBook>(ct, others)).ToDictionary(u => u.Code, u => u.Name);
        var lines = held.Select(r => r.Line(to => names.GetValueOrDefault(to, to))).ToList();
        return new CatalogReport(unit.Code, unit.Name, null, null, held.Count(r => r.InBooks), lines.Count(l => l.Status == "handedOver"),
            lines.Count(l => l.Status == "disposed"), lines, chosen);
    }

    /// <summary>One row of the query: the fields of the item as the unit's books show it, and where it went if the unit handed it over.</summary>
    private sealed record Row(Guid Id, string ItemCode, string Name, ItemKind Kind, string Category, string CategoryName, string? Specification,
        decimal Quantity, string MeasureUnit, string? Location, string? Keeper, decimal OriginalValue, decimal AccumulatedDepreciation, decimal Value,
        bool FoundAtCount, bool HandoverId, ItemStatus Status, decimal? CountedValue, string? Reason, string? TitleDocument, string? ContractNumber,
        LocalDate? ContractFrom, LocalDate? ContractTo, Ownership Ownership, string? ToUnit, LocalDate? HandedOverOn)
    {
        public bool InBooks => ToUnit is null && Status != ItemStatus.Disposed;

        /// <summary>As <see cref="Item.BookValue"/> and <see cref="Item.VerifiedValue"/> say.</summary>
        public CatalogLine Line(Func<string, string> nameOf)
        {
            var book = FoundAtCount && !HandoverId ? 0m : Value;
            var verified = Status == ItemStatus.Missing ? 0m : CountedValue ?? Value;
            var status = ToUnit is not null ? "handedOver" : CatalogReport.StatusOf(Status);
            return new CatalogLine(Id, ItemCode, Name, Kind, Category, CategoryName, Specification, Quantity, MeasureUnit, Location, Keeper,
                OriginalValue, AccumulatedDepreciation, book, verified, verified - book, Reason, TitleDocument,
                CatalogReport.Encumbrance(ContractNumber, ContractFrom, ContractTo), status, CatalogReport.StatusText(status, ToUnit, nameOf), ToUnit,
                HandedOverOn, Ownership);
        }

        public static Row Read(System.Data.Common.DbDataReader r) => new(r.GetGuid(0), r.GetString(1), r.GetString(2), Parse<ItemKind>(r.GetString(3)),
            r.GetString(4), r.GetString(5), Text(r, 6), r.GetDecimal(7), r.GetString(8), Text(r, 9), Text(r, 10), r.GetDecimal(11),
            r.GetDecimal(12), r.GetDecimal(13), r.GetBoolean(14), !r.IsDBNull(15), Parse<ItemStatus>(r.GetString(16)),
            r.IsDBNull(17) ? null : r.GetDecimal(17), Text(r, 18), Text(r, 19), Text(r, 20), Date(r, 21), Date(r, 22),
            Parse<Ownership>(r.GetString(23)), Text(r, 24), Date(r, 25));

        private static string? Text(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        private static LocalDate? Date(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : LocalDatePattern.Iso.Parse(r.GetString(i)).Value;

        private static T Parse<T>(string name) where T : struct, Enum => Enum.Parse<T>(name, ignoreCase: true);
    }

    /// <summary>
    /// The unit's rows through the GIN index on <c>units</c>; for a row whose item now belongs elsewhere, the last transfer
    /// out of this unit gives the card as handed over, its destination and its day.
    /// </summary>
    private static string Sql(string schema) => $"""
        select r.id, i ->> 'itemCode', i ->> 'name', i ->> 'kind', i ->> 'category', i ->> 'categoryName', i ->> 'specification',
          (i ->> 'quantity')::numeric, i ->> 'measureUnit', i ->> 'location', i ->> 'keeper', (i ->> 'originalValue')::numeric,
          (i ->> 'accumulatedDepreciation')::numeric, (i ->> 'value')::numeric, coalesce((i ->> 'foundAtCount')::boolean, false), i ->> 'handoverId',
          i ->> 'status', (i -> 'count' ->> 'verifiedValue')::numeric, i -> 'count' ->> 'reason', i ->> 'titleDocument',
          i -> 'contract' ->> 'number', i -> 'contract' ->> 'from', i -> 'contract' ->> 'to', i ->> 'ownership', t.tr ->> 'toUnit', t.tr ->> 'on'
        from {schema}.mt_doc_catalogrow r
          left join lateral (
            select a.tr from jsonb_array_elements(r.data -> 'transfers') with ordinality a(tr, n)
            where r.data -> 'item' ->> 'unitCode' <> $1 and a.tr ->> 'fromUnit' = $1 order by a.n desc limit 1) t on true
          cross join lateral (select coalesce(t.tr -> 'asHeld', r.data -> 'item') as i) x
        where r.data -> 'units' @> $2
        """;
}
