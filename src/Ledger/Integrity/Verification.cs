using Npgsql;
using NpgsqlTypes;

namespace Sanzi.Ledger.Integrity;

/// <summary>
/// Recomputes every sealed event's hash from <c>mt_events</c> and every seal from the hash rows, and
/// reports each disagreement. Each event is hashed with its stored previous hash, so one edit is
/// reported once rather than as every later event of its stream.
/// </summary>
internal static class Verification
{
    public static async Task<VerificationReport> RunAsync(NpgsqlConnection connection, EventRows rows, Guid? stream, CancellationToken ct)
    {
        var head = await Heads.LatestAsync(connection, rows, ct);
        var sealedThrough = head?.ToSeq ?? 0;
        var problems = new List<Problem>();
        var (checkedEvents, unsealed) = await CheckStreamsAsync(connection, rows, stream, sealedThrough, problems, ct);
        // Seals span all streams, so they can only be judged on the whole log.
        if (stream is null) await CheckSealsAsync(connection, rows, problems, ct);

        var ordered = problems.OrderBy(p => p.SeqId).ThenBy(p => p.Kind).ToList();
        return new VerificationReport(ordered.Count == 0, checkedEvents, unsealed, sealedThrough, head?.Hash, ordered.FirstOrDefault(), ordered);
    }

    /// <summary>Walks events and hash rows side by side, stream by stream in version order.</summary>
    private static async Task<(long Checked, long Unsealed)> CheckStreamsAsync(
        NpgsqlConnection connection, EventRows rows, Guid? stream, long sealedThrough, List<Problem> problems, CancellationToken ct)
    {
        const string onlyStream = "where $1::uuid is null or stream_id = $1";
        await using var command = new NpgsqlCommand($"""
            select {EventRows.Columns}, h.seq_id, h.stream_id, h.version, h.hash, h.prev_hash
            from (select * from {rows.Events} {onlyStream}) e
            full join (select * from {rows.Hashes} {onlyStream}) h on h.seq_id = e.seq_id
            order by coalesce(e.stream_id, h.stream_id), coalesce(e.version, h.version), coalesce(e.seq_id, h.seq_id)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = stream is { } id ? id : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(ct);

        long checkedEvents = 0, unsealed = 0;
        Guid? current = null;
        var expectedPrevious = HashChain.Genesis;
        while (await reader.ReadAsync(ct))
        {
            var hasEvent = !reader.IsDBNull(0);
            var hashed = !reader.IsDBNull(8);
            var streamId = hasEvent ? reader.GetGuid(1) : reader.GetGuid(9);
            if (streamId != current) (current, expectedPrevious) = (streamId, HashChain.Genesis);

            if (!hashed)
            {
                var e = EventRows.Read(reader);
                if (e.Seq > sealedThrough) unsealed++;
                else problems.Add(new Problem(ProblemKind.Inserted, e.Seq, e.StreamId, e.Version,
                    $"not in the chain, though the log is sealed through {sealedThrough}"));
                continue;
            }

            var (seq, hashStream, hashVersion, hash, previous) =
                (reader.GetInt64(8), reader.GetGuid(9), reader.GetInt64(10), reader.GetString(11), reader.GetString(12));
            if (!hasEvent)
                problems.Add(new Problem(ProblemKind.Deleted, seq, hashStream, hashVersion, "sealed, but no longer in the event log"));
            else
            {
                checkedEvents++;
                var e = EventRows.Read(reader);
                if (e.StreamId != hashStream || e.Version != hashVersion)
                    problems.Add(new Problem(ProblemKind.Edited, seq, e.StreamId, e.Version,
                        $"sealed as version {hashVersion} of stream {hashStream}"));
                else if (HashChain.Link(previous, e) != hash)
                    problems.Add(new Problem(ProblemKind.Edited, seq, e.StreamId, e.Version, "body or metadata differs from what was sealed"));
                else if (previous != expectedPrevious)
                    problems.Add(new Problem(ProblemKind.Deleted, seq, e.StreamId, e.Version,
                        "the link to the previous event of the stream is broken: an earlier event was removed with its hash"));
            }
            expectedPrevious = hash;
        }
        return (checkedEvents, unsealed);
    }

    /// <summary>Recomputes each seal from the hash rows in its range and checks that it names the seal before it.</summary>
    private static async Task CheckSealsAsync(NpgsqlConnection connection, EventRows rows, List<Problem> problems, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select s.from_seq, s.to_seq, s.events, s.root, s.hash, s.prev_hash, {EventRows.Timestamp("s.sealed_at")},
                   (select count(*) from {rows.Hashes} h where h.seq_id between s.from_seq and s.to_seq),
                   (select coalesce(string_agg(h.hash, '' order by h.seq_id), '') from {rows.Hashes} h where h.seq_id between s.from_seq and s.to_seq)
            from {rows.Seals} s order by s.from_seq
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);

        var expectedPrevious = HashChain.Genesis;
        long expectedFrom = 1;
        while (await reader.ReadAsync(ct))
        {
            var (from, to, events, root, hash, previous, sealedAt, hashRows, concatenated) = (reader.GetInt64(0), reader.GetInt64(1),
                reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.GetInt64(7), reader.GetString(8));
            string? detail = null;
            if (previous != expectedPrevious || from != expectedFrom)
                detail = "does not follow the seal before it";
            else if (hashRows != events || HashChain.Root([concatenated]) != root)
                detail = $"its hash rows {from}..{to} are not the ones that were sealed";
            else if (HashChain.Seal(previous, from, to, events, root, sealedAt) != hash)
                detail = "the seal record itself was altered";
            if (detail is not null) problems.Add(new Problem(ProblemKind.SealBroken, from, null, null, $"seal {from}..{to} {detail}"));
            (expectedPrevious, expectedFrom) = (hash, to + 1);
        }
    }
}
