using Npgsql;

namespace Sanzi.Integrity;

/// <summary>Reading and writing the seal table; a missing table reads as no seals, which verify then compares with the seal file.</summary>
internal static class SealRows
{
    private const string Columns = "from_seq, to_seq, events, root, hash, prev_hash, sealed_at, signature";

    public static async Task<List<Seal>> ReadAllAsync(NpgsqlConnection connection, Tables tables, CancellationToken ct) =>
        await ReadAsync(connection, $"select {Columns} from {tables.Seals} order by from_seq", ct);

    public static async Task<Seal?> LatestAsync(NpgsqlConnection connection, Tables tables, CancellationToken ct) =>
        (await ReadAsync(connection, $"select {Columns} from {tables.Seals} order by to_seq desc limit 1", ct)).SingleOrDefault();

    private static async Task<List<Seal>> ReadAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var seals = new List<Seal>();
        while (await reader.ReadAsync(ct))
            seals.Add(new Seal(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        return seals;
    }

    public static async Task InsertAsync(NpgsqlConnection connection, Tables tables, Seal seal, CancellationToken ct)
    {
        await using var insert = new NpgsqlCommand($"insert into {tables.Seals} ({Columns}) values ($1, $2, $3, $4, $5, $6, $7, $8)", connection);
        foreach (var value in new object[] { seal.FromSeq, seal.ToSeq, seal.Events, seal.Root, seal.Hash, seal.PrevHash, seal.SealedAt, seal.Signature })
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        await insert.ExecuteNonQueryAsync(ct);
    }
}
