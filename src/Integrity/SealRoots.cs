using System.Security.Cryptography;
using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// Recomputes each trusted seal's root from the hash rows in its range, read in sequence order on a connection of its
/// own (32 bytes a row, so this runs well ahead of the shares that read the events).
/// </summary>
internal sealed class SealRoots(IReadOnlyList<Seal> seals)
{
    private readonly IncrementalHash _root = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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
        await using var command = new NpgsqlCommand($"select seq_id, hash from {tables.Hashes} where seq_id <= $1 order by seq_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = SealedThrough });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) Add(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), problems);
    }

    private void Add(long seq, byte[] hash, List<Problem> problems)
    {
        while (_index < seals.Count && seq > seals[_index].ToSeq)
            if (Close() is { } p) problems.Add(p);
        if (_index < seals.Count && seq >= seals[_index].FromSeq)
        {
            _root.AppendData(hash);
            _count++;
        }
    }

    private Problem? Close()
    {
        var seal = seals[_index++];
        var root = Convert.ToHexStringLower(_root.GetHashAndReset());
        var count = _count;
        _count = 0;
        return root == seal.Root && count == seal.Events
            ? null
            : new Problem(ProblemKind.SealBroken, seal.FromSeq, null, null,
                $"seal {seal.FromSeq}..{seal.ToSeq}: the event hashes in its range are not the ones it sealed ({count} found, {seal.Events} sealed)");
    }
}
