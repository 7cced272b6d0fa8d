using Marten;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Storage;
using Sanzi.Projections.Reconciliation;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;

namespace Sanzi.Projections.Summary;

/// <summary>
/// The totals the summary (清产核资汇总表) and the debt register read instead of every catalog row: per unit, book
/// and <see cref="SummaryBucket"/> the count and sums, per unit the claims and liabilities it lists, and the
/// reconciliation's sums and differences (<see cref="ReconciliationTotals"/>). The catalog
/// projection computes each row's <see cref="SummaryShare"/>s; a trigger on the row's table takes the old shares
/// away and adds the new ones in the statement that writes the row. So every path that writes catalog rows (inline
/// projection, rebuild, the bulk import's COPY, the handover's <see cref="SharesMoved"/>) keeps the totals, in the same
/// transaction, without reading the unit's other rows; a rebuild's TRUNCATE empties them with the rows.
/// </summary>
public sealed class SummaryTotals(string schema, Migrator migrator) : FeatureSchemaBase("SummaryTotals", migrator)
{
    public const string TotalsTable = "summary_totals";
    public const string DebtsTable = "summary_debts";

    /// <summary>
    /// Set locally (<c>set local</c>) by a transaction that writes catalog rows in bulk: the row trigger stands aside and the
    /// writer calls <see cref="Counted"/> for its rows, a statement per batch instead of a trigger call per row.
    /// </summary>
    public const string InBulkSetting = "sanzi.summary_totals_in_bulk";

    private const string CountedFunction = "summary_shares_counted";

    /// <summary>Counts the shares of the catalog rows <c>$1</c> (uuid[]) into the totals with sign <c>$2</c> (−1 or 1).</summary>
    public static string Counted(string schema) => $"select {schema}.{CountedFunction}($1, $2)";

    private static readonly string[] Bucket = ["unit_code", "book", "included", "kind", "category", "category_name", "found_at_count", "missing"];
    private static readonly string[] Sums = ["quantity", "verified_area", "book_value", "verified_value", "original_value", "accumulated_depreciation"];

    private static string TypeOf(string bucketColumn) => bucketColumn is "included" or "found_at_count" or "missing" ? "boolean" : "text";

    /// <summary>The totals' key and sums with their column types, in the order <see cref="SharesMoved"/> adds them.</summary>
    internal static IReadOnlyList<(string Column, string Type)> BucketColumns => [.. Bucket.Select(c => (c, TypeOf(c)))];

    internal static IReadOnlyList<(string Column, string Type)> SumColumns => [("items", "bigint"), .. Sums.Select(c => (c, "numeric"))];

    /// <summary>After the catalog rows' table, which the triggers are on.</summary>
    public override IEnumerable<Type> DependentTypes() => [typeof(CatalogRow)];

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var totals = new Table(new PostgresqlObjectName(schema, TotalsTable, SchemaUtils.IdentifierUsage.General));
        foreach (var column in Bucket)
            totals.AddColumn(column, TypeOf(column)).AsPrimaryKey();
        totals.AddColumn<long>("items").NotNull();
        foreach (var column in Sums) totals.AddColumn(column, "numeric").NotNull();

        var debts = new Table(new PostgresqlObjectName(schema, DebtsTable, SchemaUtils.IdentifierUsage.General));
        debts.AddColumn<string>("unit_code").AsPrimaryKey();
        debts.AddColumn<Guid>("item_id").AsPrimaryKey();
        debts.AddColumn<string>("book").NotNull();
        debts.AddColumn<string>("status").NotNull();
        debts.Indexes.Add(new IndexDefinition($"ix_{DebtsTable}_item") { Columns = ["item_id"] });

        var function = new TriggerFunction(new PostgresqlObjectName(schema, "summary_shares_kept", SchemaUtils.IdentifierUsage.Function), FunctionSql());
        var counted = new TriggerFunction(new PostgresqlObjectName(schema, CountedFunction, SchemaUtils.IdentifierUsage.Function), CountedSql());
        var rows = $"{schema}.mt_doc_catalogrow";
        var perRow = new Trigger($"{schema}.summary_shares_kept", rows, $"{schema}.summary_shares_kept()")
        {
            Timing = TriggerTiming.After, Events = TriggerEvents.Insert | TriggerEvents.Update | TriggerEvents.Delete, ForEachRow = true,
        };
        var emptied = new Trigger($"{schema}.summary_shares_emptied", rows, $"{schema}.summary_shares_kept()")
        {
            Timing = TriggerTiming.After, Events = TriggerEvents.Truncate, ForEachRow = false,
        };
        return [totals, debts, .. ReconciliationTotals.Tables(schema), function, counted, perRow, emptied];
    }

    /// <summary>
    /// Old shares count −1, new ones +1, summed per bucket so each total row is touched once; a rewrite that changes no
    /// share (a lease signed, say) touches nothing. Sums only: what an item adds is decided in C#, by the projection. A
    /// bulk writer may set <see cref="InBulk"/> for its transaction and count its rows itself (<see cref="Counted"/>).
    /// </summary>
    private string FunctionSql() => $$"""
        CREATE OR REPLACE FUNCTION {{schema}}.summary_shares_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE {{schema}}.{{TotalsTable}}, {{schema}}.{{DebtsTable}}, {{ReconciliationTotals.Truncated(schema)}};
            RETURN NULL;
          END IF;
          IF current_setting('{{InBulkSetting}}', true) = 'on' THEN
            RETURN NULL;
          END IF;
          IF TG_OP = 'UPDATE' AND OLD.data -> 'shares' = NEW.data -> 'shares' THEN
            RETURN NULL;
          END IF;
          {{AddShares(Signed)}}
          {{ReconciliationTotals.AddFigures(schema, Signed)}}
          IF TG_OP <> 'INSERT' THEN
            DELETE FROM {{schema}}.{{DebtsTable}} WHERE item_id = OLD.id;
            {{ReconciliationTotals.RemoveDifferences(schema, "OLD.id")}}
          END IF;
          IF TG_OP <> 'DELETE' THEN
            {{AddDebts(Written)}}
            {{ReconciliationTotals.AddDifferences(schema, Written)}}
          END IF;
          RETURN NULL;
        END
        $$;
        """;

    private const string Signed =
        "SELECT -1 AS sign, OLD.data -> 'shares' AS shares WHERE TG_OP <> 'INSERT' UNION ALL SELECT 1, NEW.data -> 'shares' WHERE TG_OP <> 'DELETE'";

    private const string Written = "SELECT NEW.id AS id, NEW.data -> 'shares' AS shares";

    /// <summary>The same sums for many rows in one statement each: −1 for rows about to be rewritten, +1 once written.</summary>
    private string CountedSql()
    {
        var signed = $"SELECT p_sign AS sign, r.data -> 'shares' AS shares FROM {schema}.mt_doc_catalogrow r WHERE r.id = ANY(p_ids)";
        var rows = $"SELECT r.id AS id, r.data -> 'shares' AS shares FROM {schema}.mt_doc_catalogrow r WHERE r.id = ANY(p_ids)";
        return BulkFunction(CountedFunction, "p_ids uuid[], p_sign integer", signed, rows, "p_sign > 0");
    }

    /// <summary>Adds the (sign, shares) of <paramref name="signed"/> to the sums, and lists the (id, shares) of <paramref name="rows"/> when <paramref name="adding"/>.</summary>
    private string BulkFunction(string name, string parameters, string signed, string rows, string adding) => $$"""
        CREATE OR REPLACE FUNCTION {{schema}}.{{name}}({{parameters}}) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          {{AddShares(signed)}}
          {{ReconciliationTotals.AddFigures(schema, signed)}}
          DELETE FROM {{schema}}.{{DebtsTable}} WHERE item_id = ANY(p_ids);
          {{ReconciliationTotals.RemoveDifferences(schema, "ANY(p_ids)")}}
          IF {{adding}} THEN
            {{AddDebts(rows)}}
            {{ReconciliationTotals.AddDifferences(schema, rows)}}
          END IF;
        END
        $$;
        """;

    /// <summary>Adds each (sign, shares) of <paramref name="shares"/> to its bucket's totals.</summary>
    private string AddShares(string shares)
    {
        var bucket = string.Join(", ", Bucket);
        var sums = string.Join(", ", Sums.Select(c => $"sum({c}) as {c}"));
        var add = string.Join(", ", Sums.Prepend("items").Select(c => $"{c} = t.{c} + excluded.{c}"));
        return $"""
            INSERT INTO {schema}.{TotalsTable} AS t ({bucket}, items, {string.Join(", ", Sums)})
              SELECT {bucket}, sum(items), {sums}
              FROM (
                SELECT e ->> 'unitCode' AS unit_code, e ->> 'book' AS book, (e ->> 'included')::boolean AS included,
                  b ->> 'kind' AS kind, b ->> 'category' AS category, b ->> 'categoryName' AS category_name,
                  (b ->> 'foundAtCount')::boolean AS found_at_count, (b ->> 'missing')::boolean AS missing,
                  s.sign * (b ->> 'items')::bigint AS items, s.sign * (b ->> 'quantity')::numeric AS quantity,
                  s.sign * (b ->> 'verifiedArea')::numeric AS verified_area, s.sign * (b ->> 'bookValue')::numeric AS book_value,
                  s.sign * (b ->> 'verifiedValue')::numeric AS verified_value, s.sign * (b ->> 'originalValue')::numeric AS original_value,
                  s.sign * (b ->> 'accumulatedDepreciation')::numeric AS accumulated_depreciation
                FROM ({shares}) s
                  CROSS JOIN LATERAL jsonb_array_elements(s.shares) e
                  CROSS JOIN LATERAL (SELECT e -> 'bucket' AS b) x
              ) d
              GROUP BY {bucket}
              ON CONFLICT ({bucket}) DO UPDATE SET {add};
            """;
    }

    /// <summary>Lists each (id, shares) of <paramref name="rows"/> in the debt registers of the units its shares name.</summary>
    private string AddDebts(string rows) => $"""
        INSERT INTO {schema}.{DebtsTable} (unit_code, item_id, book, status)
              SELECT e ->> 'unitCode', s.id, e ->> 'book', e ->> 'debtStatus'
              FROM ({rows}) s CROSS JOIN LATERAL jsonb_array_elements(s.shares) e WHERE e ->> 'debtStatus' IS NOT NULL;
        """;
}
