using Sanzi.Projections.Storage;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Sanzi.Projections.Reconciliation;

/// <summary>
/// The reconciliation's kept sums, beside the summary's (<see cref="Summary.SummaryTotals"/> runs this SQL in the same
/// trigger and bulk function): per unit, side (an old unit's handed, a new unit's received, from whom), book and
/// category, the count and sums of the <see cref="ReconciliationFigure"/>s of the rows' shares; and the items whose two
/// figures differ. A report's decimals carry the scale of the largest-scale figure summed (1.5 + 2.50 is 4.00), which a
/// total kept by adding and taking away cannot know, so each figure's scale is part of the key and the report takes the
/// largest scale among the rows still counting.
/// </summary>
public static class ReconciliationTotals
{
    public const string TotalsTable = "reconciliation_totals";
    public const string DifferencesTable = "reconciliation_differences";

    /// <summary>The catalog rows stored before their shares carried figures, listed when the sums' tables come: <see cref="FiguresBackfill"/>.</summary>
    public const string UnfiguredTable = "reconciliation_unfigured_rows";

    /// <summary>
    /// The catalog rows stored while a transfer left the sender's count on the row (the last transfer is into the unit that
    /// holds the item, and the row's count is that transfer's), listed when this table comes: <see cref="FiguresBackfill"/>.
    /// </summary>
    public const string CarriedCountTable = "reconciliation_carried_count_rows";

    private static readonly string[] Key = ["unit_code", "side", "from_unit", "book", "kind", "category", "category_name"];
    private static readonly string[] Figures = ["expected", "actual", "expected_area", "actual_area"];
    private static IEnumerable<string> Scales => Figures.Select(f => f + "_scale");

    /// <summary>The totals' key and sums with their column types, in the order <see cref="FiguresMoved"/> adds them.</summary>
    internal static IReadOnlyList<(string Column, string Type)> KeyColumns =>
        [.. Key.Select(c => (c, "text")), .. Scales.Select(c => (c, "integer"))];

    internal static IReadOnlyList<(string Column, string Type)> SumColumns =>
        [("items", "bigint"), ("inexact", "bigint"), .. Figures.Select(c => (c, "numeric"))];

    public static IEnumerable<ISchemaObject> Tables(string schema)
    {
        var totals = new Table(new PostgresqlObjectName(schema, TotalsTable, SchemaUtils.IdentifierUsage.General));
        foreach (var column in Key) totals.AddColumn<string>(column).AsPrimaryKey();
        foreach (var column in Scales) totals.AddColumn<int>(column).AsPrimaryKey();
        totals.AddColumn<long>("items").NotNull();
        totals.AddColumn<long>("inexact").NotNull();
        foreach (var column in Figures) totals.AddColumn(column, "numeric").NotNull();

        var differences = new Table(new PostgresqlObjectName(schema, DifferencesTable, SchemaUtils.IdentifierUsage.General));
        differences.AddColumn<string>("unit_code").AsPrimaryKey();
        differences.AddColumn<string>("side").AsPrimaryKey();
        differences.AddColumn<Guid>("item_id").AsPrimaryKey();
        differences.AddColumn<string>("from_unit").NotNull();
        differences.AddColumn<string>("book").NotNull();
        differences.AddColumn<string>("category_name").NotNull();
        differences.AddColumn("figure", "jsonb").NotNull();
        differences.Indexes.Add(new IndexDefinition($"ix_{DifferencesTable}_item") { Columns = ["item_id"] });
        var unfigured = new FilledTable(new PostgresqlObjectName(schema, UnfiguredTable, SchemaUtils.IdentifierUsage.General),
            $"INSERT INTO {schema}.{UnfiguredTable} (id) SELECT id FROM {schema}.mt_doc_catalogrow WHERE NOT (data -> 'shares' -> 0 ? 'handed');");
        unfigured.AddColumn<Guid>("id").AsPrimaryKey();
        var carried = new FilledTable(new PostgresqlObjectName(schema, CarriedCountTable, SchemaUtils.IdentifierUsage.General), $"""
            INSERT INTO {schema}.{CarriedCountTable} (id) SELECT id FROM {schema}.mt_doc_catalogrow
              WHERE data -> 'countedValue' <> 'null' AND data -> 'transfers' -> -1 ->> 'toUnit' = data -> 'item' ->> 'unitCode'
                AND data -> 'transfers' -> -1 -> 'countedValue' = data -> 'countedValue';
            """);
        carried.AddColumn<Guid>("id").AsPrimaryKey();
        return [totals, differences, unfigured, carried];
    }

    public static string Truncated(string schema) => $"{schema}.{TotalsTable}, {schema}.{DifferencesTable}";

    /// <summary>Adds each (sign, shares) of <paramref name="shares"/> to its totals, every figure's scale kept apart.</summary>
    public static string AddFigures(string schema, string shares)
    {
        var key = string.Join(", ", Key.Concat(Scales));
        var add = string.Join(", ", Figures.Prepend("inexact").Prepend("items").Select(c => $"{c} = t.{c} + excluded.{c}"));
        return $"""
            INSERT INTO {schema}.{TotalsTable} AS t ({key}, items, inexact, {string.Join(", ", Figures)})
              SELECT {key}, sum(sign), sum(sign * inexact), {string.Join(", ", Figures.Select(f => $"sum(sign * {f})"))}
              FROM (
                SELECT s.sign, e ->> 'unitCode' AS unit_code, f.side, coalesce(f.figure ->> 'from', '') AS from_unit, e ->> 'book' AS book,
                  e -> 'bucket' ->> 'kind' AS kind, e -> 'bucket' ->> 'category' AS category, e -> 'bucket' ->> 'categoryName' AS category_name,
                  (f.figure ->> 'expected')::numeric AS expected, (f.figure ->> 'actual')::numeric AS actual,
                  coalesce((f.figure ->> 'expectedArea')::numeric, 0) AS expected_area, coalesce((f.figure ->> 'actualArea')::numeric, 0) AS actual_area,
                  scale((f.figure ->> 'expected')::numeric) AS expected_scale, scale((f.figure ->> 'actual')::numeric) AS actual_scale,
                  coalesce(scale((f.figure ->> 'expectedArea')::numeric), 0) AS expected_area_scale,
                  coalesce(scale((f.figure ->> 'actualArea')::numeric), 0) AS actual_area_scale,
                  CASE WHEN (f.figure ->> 'exact')::boolean THEN 0 ELSE 1 END AS inexact
                {FiguresOf(shares)}
              ) d
              GROUP BY {key}
              ON CONFLICT ({key}) DO UPDATE SET {add};
            """;
    }

    /// <summary>Lists each (id, shares) of <paramref name="rows"/> among the differences where its figures differ.</summary>
    public static string AddDifferences(string schema, string rows) => $"""
        INSERT INTO {schema}.{DifferencesTable} (unit_code, side, item_id, from_unit, book, category_name, figure)
              SELECT e ->> 'unitCode', f.side, s.id, coalesce(f.figure ->> 'from', ''), e ->> 'book', e -> 'bucket' ->> 'categoryName', f.figure
              {FiguresOf(rows)} AND f.figure ->> 'reason' IS NOT NULL;
        """;

    public static string RemoveDifferences(string schema, string ids) => $"DELETE FROM {schema}.{DifferencesTable} WHERE item_id = {ids};";

    private static string FiguresOf(string shares) => $"""
        FROM ({shares}) s
                  CROSS JOIN LATERAL jsonb_array_elements(s.shares) e
                  CROSS JOIN LATERAL (VALUES ('handed', e -> 'handed'), ('received', e -> 'received')) f(side, figure)
                WHERE jsonb_typeof(f.figure) = 'object'
        """;
}
