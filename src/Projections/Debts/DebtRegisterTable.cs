using Sanzi.Projections.Catalog;
using Sanzi.Projections.Storage;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;

namespace Sanzi.Projections.Debts;

/// <summary>
/// The debt registers (债权债务清单) of now, kept printed: one row per unit and claim or liability it lists, with the line's
/// JSON as that unit's register writes it (its print for the unit, <see cref="DebtLine.Printed"/>, with the unit's status put
/// in), what its counterparty's sums need, and its place in the register (<see cref="DebtLine.RegisterOrder"/>), so a register
/// is one range scan in the order it prints. Which units list a line, on which book and with which status, is what the line's
/// catalog row shares say (as for the summary's kept debts); the print is the <see cref="DebtLine"/>'s. Statement triggers on
/// both documents' tables re-derive the rows of the ids a statement wrote, from both tables as they then are, whichever was
/// written last; so every path that writes either (inline projection, rebuild, the bulk import's COPY, the handover's UPDATE)
/// keeps the table in its own transaction, a set per statement, and a TRUNCATE of either empties it.
/// </summary>
public sealed class DebtRegisterTable(string schema, Migrator migrator) : FeatureSchemaBase("DebtRegisterTable", migrator)
{
    public const string LinesTable = "debt_register_lines";

    private const string Function = "debt_register_kept";

    /// <summary>After the tables the triggers are on; the table is filled from them when it is created (a ledger upgraded).</summary>
    public override IEnumerable<Type> DependentTypes() => [typeof(CatalogRow), typeof(DebtLine)];

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var lines = new FilledTable(new PostgresqlObjectName(schema, LinesTable, SchemaUtils.IdentifierUsage.General),
            Derived($"SELECT * FROM {schema}.mt_doc_debtline"));
        lines.AddColumn<Guid>("item_id").AsPrimaryKey();
        lines.AddColumn<string>("unit_code").AsPrimaryKey();
        lines.AddColumn<string>("book").NotNull();
        lines.AddColumn("register_order", "bytea");
        lines.AddColumn<string>("side").NotNull();
        lines.AddColumn<string>("counterparty").NotNull();
        lines.AddColumn<string>("counterparty_type").NotNull();
        lines.AddColumn("balance", "numeric").NotNull();
        lines.AddColumn("locked_balance", "numeric");
        lines.AddColumn<bool>("changed_after_lock").NotNull();
        lines.AddColumn<string>("json");
        lines.Indexes.Add(new IndexDefinition($"ix_{LinesTable}_register") { Columns = ["unit_code", "book", "register_order"] });
        lines.Indexes.Add(new IndexDefinition($"ix_{LinesTable}_unprinted") { Columns = ["unit_code"], Predicate = "json is null" });
        yield return lines;

        yield return new TriggerFunction(new PostgresqlObjectName(schema, Function, SchemaUtils.IdentifierUsage.Function), FunctionSql());
        foreach (var source in new[] { "mt_doc_catalogrow", "mt_doc_debtline" })
        {
            var table = $"{schema}.{source}";
            foreach (var (events, transition) in new[] { (TriggerEvents.Insert, "NEW"), (TriggerEvents.Update, "NEW"), (TriggerEvents.Delete, "OLD") })
                yield return new TransitionTrigger($"{schema}.{Function}_{source}_{events.ToString().ToLowerInvariant()}", table,
                    $"{schema}.{Function}()", transition) { Timing = TriggerTiming.After, Events = events, ForEachRow = false };
            yield return new Trigger($"{schema}.{Function}_{source}_truncate", table, $"{schema}.{Function}()")
            {
                Timing = TriggerTiming.After, Events = TriggerEvents.Truncate, ForEachRow = false,
            };
        }
    }

    /// <summary>
    /// The rows of the ids in <c>changed</c> (the statement's transition table) go, and come back as both tables now say:
    /// none to take away after an INSERT, as rows exist only for ids both tables hold, and none to add after a DELETE; nothing
    /// for the empty half of an upsert (INSERT … ON CONFLICT fires the UPDATE trigger too). Written as <c>pg_get_functiondef</c>
    /// gives it back: Weasel compares the two, and on any difference drops the function with CASCADE, which drops the triggers
    /// that call it, and creates only the function again.
    /// </summary>
    private string FunctionSql() => $$"""
        CREATE OR REPLACE FUNCTION {{schema}}.{{Function}}()
         RETURNS trigger
         LANGUAGE plpgsql
        AS $function$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE {{schema}}.{{LinesTable}};
            RETURN NULL;
          END IF;
          IF NOT EXISTS (SELECT FROM changed) THEN
            RETURN NULL;
          END IF;
          IF TG_OP <> 'INSERT' THEN
            DELETE FROM {{schema}}.{{LinesTable}} WHERE item_id IN (SELECT id FROM changed);
          END IF;
          IF TG_OP <> 'DELETE' THEN
            {{Derived($"SELECT * FROM {schema}.mt_doc_debtline WHERE id IN (SELECT id FROM changed)")}}
          END IF;
          RETURN NULL;
        END
        $function$;
        """;

    /// <summary>
    /// Inserts the register rows of the <see cref="DebtLine"/> documents <paramref name="debtLines"/> selects, one per unit their
    /// catalog row lists them in. A document written before the prints and the order were kept gets a row without JSON, for
    /// the register to be built from the documents instead until the projection is rebuilt.
    /// </summary>
    private string Derived(string debtLines) => $"""
        INSERT INTO {schema}.{LinesTable} (item_id, unit_code, book, register_order, side, counterparty, counterparty_type, balance,
              locked_balance, changed_after_lock, json)
              SELECT l.id, s.unit_code, s.book, decode(l.data ->> 'registerOrder', 'hex'), l.data ->> 'side', l.data ->> 'counterparty',
                l.data ->> 'counterpartyType', (l.data ->> 'balance')::numeric, (p.p ->> 'lockedBalance')::numeric,
                coalesce((p.p ->> 'changedAfterLock')::boolean, false),
                CASE WHEN l.data ->> 'registerOrder' IS NOT NULL THEN
                  overlay(p.p ->> 'json' placing '"status":"' || s.status || '"' from position('{DebtPrint.StatusProperty}' in p.p ->> 'json') for {DebtPrint.StatusProperty.Length})
                END
              FROM ({debtLines}) l
                JOIN {schema}.mt_doc_catalogrow r ON r.id = l.id
                CROSS JOIN LATERAL (SELECT e ->> 'unitCode' AS unit_code, lower(e ->> 'book') AS book, e ->> 'debtStatus' AS status
                  FROM jsonb_array_elements(r.data -> 'shares') e WHERE e ->> 'debtStatus' IS NOT NULL) s
                CROSS JOIN LATERAL (SELECT coalesce(l.data -> 'printed' -> s.unit_code, l.data -> 'printed' -> '') AS p) p;
        """;
}
