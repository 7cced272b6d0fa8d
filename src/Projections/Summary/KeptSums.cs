using System.Runtime.CompilerServices;
using Npgsql;

namespace Sanzi.Projections.Summary;

/// <summary>
/// Rows to add to a table of kept sums, keyed and summed in C# and sent as one <c>INSERT … ON CONFLICT</c> of a few rows:
/// what the trigger's <c>GROUP BY</c> over every share would add, without PostgreSQL expanding the shares. A decimal sum
/// carries the largest scale it added, in C# as in PostgreSQL (1.5 + 2.50 is 4.00), so the kept figures come out alike.
/// </summary>
internal sealed class KeptSums<TKey>(string table, IReadOnlyList<(string Column, string Type)> key, IReadOnlyList<(string Column, string Type)> sums,
    Func<TKey, object[]> keyValues) where TKey : notnull
{
    private readonly Dictionary<TKey, decimal[]> _rows = new();

    // Optimised when first compiled, as the handover's staging loop that calls it (BulkTransfers.Stage).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(TKey row, params ReadOnlySpan<decimal> values)
    {
        if (!_rows.TryGetValue(row, out var total)) _rows[row] = total = new decimal[sums.Count];
        for (var i = 0; i < values.Length; i++) total[i] += values[i];
    }

    /// <summary>The statement adding every row, with one array parameter per column; nothing when no row was touched.</summary>
    public NpgsqlBatchCommand? Command()
    {
        if (_rows.Count == 0) return null;
        var keys = _rows.Keys.Select(keyValues).ToList();
        var columns = key.Select((c, i) => Array(c.Type, keys.Select(k => k[i])))
            .Concat(sums.Select((c, i) => Array(c.Type, _rows.Values.Select(v => (object)v[i]))));
        var all = key.Concat(sums).ToList();
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO {table} AS t ({string.Join(", ", all.Select(c => c.Column))})
              SELECT * FROM unnest({string.Join(", ", all.Select((c, i) => $"${i + 1}::{c.Type}[]"))})
              ON CONFLICT ({string.Join(", ", key.Select(c => c.Column))}) DO UPDATE SET {string.Join(", ", sums.Select(c => $"{c.Column} = t.{c.Column} + excluded.{c.Column}"))}
            """);
        foreach (var values in columns) command.Parameters.Add(new NpgsqlParameter { Value = values });
        return command;
    }

    private static Array Array(string type, IEnumerable<object> values) => type switch
    {
        "text" => values.Cast<string>().ToArray(),
        "boolean" => values.Cast<bool>().ToArray(),
        "integer" => values.Cast<int>().ToArray(),
        "bigint" => values.Select(v => (long)(decimal)v).ToArray(),
        "numeric" => values.Cast<decimal>().ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a column type of the kept sums"),
    };
}
