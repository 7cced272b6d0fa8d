using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// A committed event as the chain sees it: every column of <c>mt_events</c> that means something. The
/// body and headers are jsonb's own text form, which is one text per value, so the writer (reading the
/// row back inside its transaction) and any later reader hash the same bytes; they are kept as the
/// UTF-8 the server sends, never decoded.
/// </summary>
/// <param name="TimestampMicros">Microseconds since 1970-01-01 UTC (PostgreSQL's precision); -infinity reads as DateTime.MinValue.</param>
public sealed record EventRow(
    long Seq, Guid StreamId, long Version, string Type, string? DotnetType, byte[] Data, long TimestampMicros, string? TenantId,
    string? UserName, string? CorrelationId, string? CausationId, byte[]? Headers, bool IsArchived)
{
    /// <summary>The hashed columns of <c>mt_events e</c>, in the order <see cref="Read"/> expects them.</summary>
    public const string Columns =
        "e.seq_id, e.stream_id, e.version, e.type, e.mt_dotnet_type, e.data::text, e.timestamp, e.tenant_id, " +
        "e.user_name, e.correlation_id, e.causation_id, e.headers::text, e.is_archived";

    public const int ColumnCount = 13;

    public static EventRow Read(NpgsqlDataReader r, int o = 0) => new(
        r.GetInt64(o), r.GetGuid(o + 1), r.GetInt64(o + 2), r.GetString(o + 3), Text(r, o + 4), r.GetFieldValue<byte[]>(o + 5),
        Micros(r.GetFieldValue<DateTime>(o + 6)), Text(r, o + 7), Text(r, o + 8), Text(r, o + 9), Text(r, o + 10),
        r.IsDBNull(o + 11) ? null : r.GetFieldValue<byte[]>(o + 11),
        !r.IsDBNull(o + 12) && r.GetBoolean(o + 12));

    /// <summary>Marten's filler for a sequence number a failed append took: no meaning, never hashed (its own stream, empty body).</summary>
    public bool IsTombstone => StreamId == JasperFx.Events.Tombstone.StreamId && Type == "tombstone";

    private static long Micros(DateTime t) => (t.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private static string? Text(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
