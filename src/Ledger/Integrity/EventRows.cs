using Npgsql;

namespace Sanzi.Ledger.Integrity;

/// <summary>How the integrity slice reads events and its own tables; the SQL lives here so sealing and verifying agree.</summary>
internal sealed class EventRows(string schema)
{
    public string Events => $"{schema}.mt_events";
    public string Hashes => $"{schema}.{Configuration.HashesTable}";
    public string Seals => $"{schema}.{Configuration.SealsTable}";
    public string Sequence => $"{schema}.mt_events_sequence";

    /// <summary>A timestamptz as fixed-width UTC text with microseconds, PostgreSQL's own precision.</summary>
    public static string Timestamp(string column) => $"to_char({column} at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    /// <summary>The hashed columns of <c>mt_events e</c>, in the order <see cref="Read"/> expects them.</summary>
    public static string Columns =>
        $"e.seq_id, e.stream_id, e.version, e.type, e.data::text, {Timestamp("e.timestamp")}, e.user_name, e.correlation_id";

    public static ChainedEvent Read(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetInt64(offset), reader.GetGuid(offset + 1), reader.GetInt64(offset + 2), reader.GetString(offset + 3),
        reader.GetString(offset + 4), reader.GetString(offset + 5), NullableString(reader, offset + 6),
        NullableString(reader, offset + 7));

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
