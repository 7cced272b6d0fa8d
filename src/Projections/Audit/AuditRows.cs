using Marten;

namespace Sanzi.Projections.Audit;

/// <summary>
/// A batch's audit rows written by the async daemon in one statement over arrays, instead of one upsert call (a dozen
/// parameters, a statement text) per row: a bulk import's events reach the daemon in thousands, and building and running
/// those calls was a tenth of the import's whole CPU. The same row as the upsert writes (body, type name, a fresh version,
/// the transaction's time, each filter column), a row already there (a rebuild) replaced whole. Only when the table has
/// exactly the columns this knows (and versions rows by id, not by number); otherwise (a filter column added to <see cref="Configuration"/>) each row is stored
/// through Marten as before, so none is written short.
/// </summary>
public sealed class AuditRows
{
    private static readonly string[] Columns =
        ["id", "data", "mt_dotnet_type", "mt_version:uuid", "mt_last_modified", "unit_code", "actor", "type", "amount", "recorded_at", "counterparty", "correlation_id"];

    private static readonly string[] Names = Columns.Select(c => c.Split(':')[0]).ToArray();

    private bool? _known;

    /// <summary>Whether the audit table has exactly the columns this writes.</summary>
    public static async Task<bool> FitsAsync(IQuerySession session, CancellationToken ct) =>
        (await session.QueryAsync<string>(
            """
            select column_name || case when column_name = 'mt_version' then ':' || data_type else '' end
            from information_schema.columns where table_schema = ? and table_name = 'mt_doc_auditentry'
            """, ct, session.DocumentStore.Options.DatabaseSchemaName))
        .Order().SequenceEqual(Columns.Order());

    public async Task StoreAsync(IDocumentOperations operations, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        _known ??= await FitsAsync(operations, ct);
        if (_known != true)
        {
            foreach (var entry in entries) operations.Store(entry);
            return;
        }

        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        var serializer = operations.DocumentStore.Options.Serializer();
        var filters = string.Join(", ", Names[5..]);
        operations.QueueSqlCommand($"""
            insert into {schema}.mt_doc_auditentry ({string.Join(", ", Names)})
            select r.id, r.data::jsonb, ?, gen_random_uuid(), transaction_timestamp(), {filters}
            from unnest(?::bigint[], ?::text[], ?::varchar[], ?::varchar[], ?::varchar[], ?::numeric[], ?::timestamptz[], ?::varchar[], ?::varchar[])
              r(id, data, {filters})
            on conflict (id) do update set {string.Join(", ", Names[1..].Select(c => $"{c} = excluded.{c}"))}
            """,
            typeof(AuditEntry).FullName!,
            entries.Select(e => e.Id).ToArray(),
            entries.Select(e => serializer.ToJson(e)).ToArray(),
            entries.Select(e => e.UnitCode).ToArray(),
            entries.Select(e => e.Actor).ToArray(),
            entries.Select(e => e.Type).ToArray(),
            entries.Select(e => e.Amount).ToArray(),
            entries.Select(e => e.RecordedAt).ToArray(),
            entries.Select(e => e.Counterparty).ToArray(),
            entries.Select(e => e.CorrelationId).ToArray());
    }
}
