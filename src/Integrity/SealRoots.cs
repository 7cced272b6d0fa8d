using System.Security.Cryptography;
using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// Recomputes each trusted seal's root from the hash rows in its range, read in sequence order on a connection of its
/// own (32 bytes a row, so this runs well ahead of the shares that read the events). The rows come by binary COPY and
/// a seal's hashes go to SHA-256 a few thousand at a time: one call into OpenSSL per row cost more than the hashing.
/// </summary>
internal sealed class SealRoots(IReadOnlyList<Seal> seals)
{
    private readonly IncrementalHash _root = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _pending = new byte[2048 * HashChain.Size];
    private int _pendingLength;
    private int _index;
    private long _count;

    public long SealedThrough => seals.Count > 0 ? seals[^1].ToSeq : 0;

    /// <summary>Every seal whose range does not hash to its root; <paramref name="connection"/> null when the hash table is gone.</summary>
    public async Task<List<Problem>> RunAsync(NpgsqlConnection? connection, Tables tables, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (connection is not null) await ReadAsync(connection, tables, problems, ct);
        while (_index < seals.Count)
            if (Close() is { } p) problems.Add(p);
        return problems;
    }

    private async Task ReadAsync(NpgsqlConnection connection, Tables tables, List<Problem> problems, CancellationToken ct)
    {
        await using var rows = await CopyRows.OpenAsync(connection,
            $"select seq_id, hash from {tables.Hashes} where seq_id <= {SealedThrough} order by seq_id", 2, ct);
        while (await rows.ReadAsync(ct)) Add(rows.Int64(0), rows.Value(1), problems);
    }

    private void Add(long seq, ReadOnlySpan<byte> hash, List<Problem> problems)
    {
        while (_index < seals.Count && seq > seals[_index].ToSeq)
            if (Close() is { } p) problems.Add(p);
        if (_index < seals.Count && seq >= seals[_index].FromSeq)
        {
            // A hash of another length (an edited row) goes in as it is, as it did when each row was appended on its own.
            if (_pendingLength + hash.Length > _pending.Length) Flush();
            if (hash.Length > _pending.Length) _root.AppendData(hash);
            else
            {
                hash.CopyTo(_pending.AsSpan(_pendingLength));
                _pendingLength += hash.Length;
            }
            _count++;
        }
    }

    private void Flush()
    {
        _root.AppendData(_pending.AsSpan(0, _pendingLength));
        _pendingLength = 0;
    }

    private Problem? Close()
    {
        var seal = seals[_index++];
        Flush();
        var root = Convert.ToHexStringLower(_root.GetHashAndReset());
        var count = _count;
        _count = 0;
        return root == seal.Root && count == seal.Events
            ? null
            : new Problem(ProblemKind.SealBroken, seal.FromSeq, null, null,
                $"seal {seal.FromSeq}..{seal.ToSeq}: the event hashes in its range are not the ones it sealed ({count} found, {seal.Events} sealed)");
    }
}
