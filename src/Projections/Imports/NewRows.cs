using Npgsql;
using NpgsqlTypes;
using Sanzi.Integrity;
using Weasel.Core;

namespace Sanzi.Projections.Imports;

/// <summary>
/// How new documents of one type are copied into their table without Marten's bulk loader, which serialises each one to a
/// string and writes it row by row: one binary COPY of the id, the JSON as UTF-8 from a reused buffer, the type name and
/// the first revision (1 where revisions are numbered, as an inline snapshot of a new stream has it; a fresh version id
/// where they are not), every other column left to its default (the last-modified time: the transaction's, as an upsert
/// sets it). Read from the table itself, so a column this does not know without a default (a duplicated field, a
/// tenant column) makes it <see cref="Copyable"/> false and the caller takes Marten's loader.
/// </summary>
public sealed class NewRows
{
    private static readonly string[] Written = ["id", "data", "mt_dotnet_type", "mt_version"];
    private readonly string _copy;
    private readonly string _dotNetType;
    private readonly bool _numbered;

    private NewRows(string copy, string dotNetType, bool numbered, bool copyable) =>
        (_copy, _dotNetType, _numbered, Copyable) = (copy, dotNetType, numbered, copyable);

    public bool Copyable { get; }

    public static async Task<NewRows> OfAsync(NpgsqlConnection connection, DbObjectName table, Type type, CancellationToken ct)
    {
        var columns = new Dictionary<string, (string Type, bool Defaulted)>();
        await using (var command = new NpgsqlCommand(
            "select column_name, data_type, column_default is not null from information_schema.columns where table_schema = $1 and table_name = $2",
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = table.Schema });
            command.Parameters.Add(new NpgsqlParameter { Value = table.Name });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) columns[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2));
        }

        var copyable = columns.GetValueOrDefault("id").Type == "uuid" && columns.GetValueOrDefault("data").Type == "jsonb"
                       && columns.ContainsKey("mt_dotnet_type") && columns.GetValueOrDefault("mt_version").Type is "bigint" or "uuid"
                       && columns.Where(c => !Written.Contains(c.Key)).All(c => c.Value.Defaulted);
        return new NewRows($"copy {table.QualifiedName} (id, data, mt_dotnet_type, mt_version) from stdin (format binary)", type.FullName!,
            columns.GetValueOrDefault("mt_version").Type == "bigint", copyable);
    }

    public async Task CopyAsync<T>(NpgsqlConnection connection, IReadOnlyList<T> documents, Func<T, Guid> id, Marten.ISerializer serializer,
        CancellationToken ct) where T : notnull
    {
        var json = new Utf8JsonBuffer(serializer);
        await using var copy = await connection.BeginBinaryImportAsync(_copy, ct);
        foreach (var document in documents)
        {
            await copy.StartRowAsync(ct);
            copy.Write(id(document), NpgsqlDbType.Uuid);
            copy.Write(json.Of(document), NpgsqlDbType.Jsonb);
            copy.Write(_dotNetType, NpgsqlDbType.Varchar);
            if (_numbered) copy.Write(1L, NpgsqlDbType.Bigint);
            else copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
        }

        await copy.CompleteAsync(ct);
    }
}
