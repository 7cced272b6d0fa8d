using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// Seals the event hashes the writers committed, in sequence order, one batch per transaction, and
/// appends each seal to the seal file once it is committed. The chain continues from whichever is
/// further along, the seal table or the seal file, so emptying the table does not make the sealer
/// start a second history.
/// </summary>
internal static class Sealing
{
    private const int BatchSize = 50_000;

    /// <summary>One sealer at a time across processes: a transaction-scoped advisory lock, keyed "SANZISEA".</summary>
    private const long LockKey = 0x53_41_4E_5A_49_53_45_41;

    /// <summary>Seals one batch; null when there was nothing to seal. <c>More</c> says a full batch left hashes behind.</summary>
    public static async Task<(Seal? Seal, bool More)> SealBatchAsync(
        NpgsqlConnection connection, Tables tables, IntegrityKeys keys, SealFile file, CancellationToken ct)
    {
        Seal seal;
        bool more;
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_xact_lock({LockKey})", connection))
                await lockCommand.ExecuteNonQueryAsync(ct);

            var tip = await CatchUpFileAsync(connection, tables, keys, file, ct);
            var after = tip?.ToSeq ?? 0;
            var (ceiling, settled) = await SequenceCeiling.ProveAsync(connection, tables, ct);
            var (sequences, hashes) = await ReadHashesAsync(connection, tables, after, ceiling, settled, ct);
            if (sequences.Count == 0) return (null, false);

            more = sequences.Count == BatchSize;
            // A settled ceiling covers the gaps above the last hash too, so the next seal need not prove them again.
            var toSeq = settled && !more ? ceiling : sequences[^1];
            var root = Convert.ToHexStringLower(SHA256.HashData(hashes.ToArray()));
            var sealedAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            var previous = tip?.Hash ?? HashChain.SealGenesis;
            var hash = HashChain.SealHash(previous, after + 1, toSeq, sequences.Count, root, sealedAt);
            seal = new Seal(after + 1, toSeq, sequences.Count, root, hash, previous, sealedAt, keys.Sign(hash));
            await SealRows.InsertAsync(connection, tables, seal, ct);
            await transaction.CommitAsync(ct);
        }
        file.Append([seal]);
        return (seal, more);
    }

    /// <summary>Copies committed seals the file lacks (a crash between commit and append) into it; returns the chain's tip.</summary>
    private static async Task<Seal?> CatchUpFileAsync(NpgsqlConnection connection, Tables tables, IntegrityKeys keys, SealFile file, CancellationToken ct)
    {
        var filed = file.Last;
        var latest = await SealRows.LatestAsync(connection, tables, ct);
        if (latest is null || latest.ToSeq <= (filed?.ToSeq ?? 0)) return filed;
        var missing = (await SealRows.ReadAllAsync(connection, tables, ct))
            .Where(s => s.ToSeq > (filed?.ToSeq ?? 0) && keys.Signed(s.Hash, s.Signature)).ToList();
        if (missing.Count == 0)
            throw new InvalidOperationException(
                $"The database holds seals up to event {latest.ToSeq} that this ledger's key did not sign and its seal file does not hold " +
                $"(the file ends at event {filed?.ToSeq ?? 0}): the database belongs to another ledger, or the seal key or seal file was replaced. " +
                "Nothing more is sealed until that is resolved; GET /api/verify names the seals.");
        file.Append(missing);
        return file.Last;
    }

    /// <summary>Hash rows after the last seal up to the ceiling; if the ceiling is not settled, only up to the first gap.</summary>
    private static async Task<(List<long> Sequences, MemoryStream Hashes)> ReadHashesAsync(
        NpgsqlConnection connection, Tables tables, long after, long ceiling, bool settled, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select seq_id, hash from {tables.Hashes} where seq_id > $1 and seq_id <= $2 order by seq_id limit {BatchSize}", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = ceiling });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var (sequences, hashes) = (new List<long>(), new MemoryStream());
        while (await reader.ReadAsync(ct))
        {
            var seq = reader.GetInt64(0);
            if (!settled && seq != after + sequences.Count + 1) break;
            sequences.Add(seq);
            hashes.Write(reader.GetFieldValue<byte[]>(1));
        }
        return (sequences, hashes);
    }
}
