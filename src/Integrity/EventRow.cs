namespace Sanzi.Integrity;

/// <summary>
/// A committed event as the chain sees it: every column of <c>mt_events</c> that means something. The
/// body and headers are jsonb's own text form, which is one text per value, so the writer (reading the
/// row back inside its transaction) and any later reader hash the same bytes; they are kept as the
/// UTF-8 the server sends, never decoded.
/// </summary>
/// <param name="TimestampMicros">Microseconds since 1970-01-01 UTC (PostgreSQL's precision).</param>
public sealed record EventRow(
    long Seq, Guid StreamId, long Version, string Type, string? DotnetType, byte[] Data, long TimestampMicros, string? TenantId,
    string? UserName, string? CorrelationId, string? CausationId, byte[]? Headers, bool IsArchived)
{
    /// <summary>
    /// The hashed columns of <c>mt_events e</c> in the order of the hash's preimage (<see cref="HashChain.Link(ReadOnlySpan{byte}, EventRow)"/>),
    /// so that a binary COPY of them is the preimage's fields nearly as they stand (<see cref="HashChain.LinkCopied"/>).
    /// </summary>
    public const string Columns =
        "e.seq_id, e.stream_id, e.version, e.type, e.mt_dotnet_type, e.timestamp, e.tenant_id, " +
        "e.user_name, e.correlation_id, e.causation_id, e.headers::text, e.is_archived, e.data::text";

    public const int ColumnCount = 13;

    /// <summary>Where each column is in a row of <see cref="Columns"/>.</summary>
    internal static class At
    {
        public const int Seq = 0, StreamId = 1, Version = 2, Type = 3, DotnetType = 4, Timestamp = 5, TenantId = 6, UserName = 7,
            CorrelationId = 8, CausationId = 9, Headers = 10, IsArchived = 11, Data = 12;
    }

    /// <summary>The current row of a binary COPY of <see cref="Columns"/>, decoded: for the few events verify keeps past their row.</summary>
    internal static EventRow From(CopyRows r) => new(
        r.Int64(At.Seq), r.Guid(At.StreamId), r.Int64(At.Version), r.Text(At.Type)!, r.Text(At.DotnetType), r.Bytes(At.Data) ?? [],
        Micros(r.Int64(At.Timestamp)), r.Text(At.TenantId), r.Text(At.UserName), r.Text(At.CorrelationId), r.Text(At.CausationId),
        r.Bytes(At.Headers), r.Bool(At.IsArchived));

    /// <summary>Marten's filler for a sequence number a failed append took: no meaning, never hashed (its own stream, empty body).</summary>
    public bool IsTombstone => StreamId == JasperFx.Events.Tombstone.StreamId && Type == "tombstone";

    /// <summary>
    /// A binary <c>timestamptz</c> (microseconds since 2000-01-01 UTC) as microseconds since 1970: what the writer's
    /// <c>extract(epoch from timestamp) * 1000000</c> gives. Unchecked: ±infinity, which the writer cannot hash, wrap to
    /// values no real time has, so such an event reads as edited.
    /// </summary>
    internal static long Micros(long sincePostgresEpoch) => unchecked(sincePostgresEpoch + PostgresEpochMicros);

    private const long PostgresEpochMicros = 946_684_800L * 1_000_000;
}
