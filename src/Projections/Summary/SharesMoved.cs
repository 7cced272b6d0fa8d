using System.Runtime.CompilerServices;
using System.Text.Json;
using Marten;
using Npgsql;
using Sanzi.Projections.Reconciliation;

namespace Sanzi.Projections.Summary;

/// <summary>
/// What rewriting many catalog rows does to the kept sums, folded in C# from the shares the writer already holds (each stored
/// share at −1, each written one at +1) instead of PostgreSQL expanding every row's shares twice: per total's key a handful of
/// summed rows, and the rows' debt-register and reconciliation-difference lines replaced. The same sums, keys and decimals the
/// trigger (<see cref="SummaryTotals"/>) keeps for one row at a time: the trigger must stand aside for the rewrite
/// (<see cref="SummaryTotals.InBulkSetting"/>).
/// </summary>
public sealed class SharesMoved
{
    private readonly string _schema;
    private readonly Dictionary<Enum, string> _names = new();
    private readonly ISerializer _serializer;
    private readonly KeptSums<Bucket> _totals;
    private readonly FiguresMoved _figures;
    private readonly List<Guid> _rows = [];
    private readonly List<(Guid Item, SummaryShare Share)> _debts = [];

    private readonly record struct Bucket(string Unit, string Book, bool Included, string Kind, string Category, string CategoryName, bool FoundAtCount,
        bool Missing);

    public SharesMoved(string schema, ISerializer serializer)
    {
        (_schema, _serializer) = (schema, serializer);
        _totals = new KeptSums<Bucket>($"{schema}.{SummaryTotals.TotalsTable}", SummaryTotals.BucketColumns, SummaryTotals.SumColumns,
            b => [b.Unit, b.Book, b.Included, b.Kind, b.Category, b.CategoryName, b.FoundAtCount, b.Missing]);
        _figures = new FiguresMoved(schema, Name, f => serializer.ToJson(f));
    }

    /// <summary>One row rewritten: its <paramref name="stored"/> shares (what the totals hold for it) leave, the <paramref name="written"/> ones come.</summary>
    // Optimised when first compiled, as the handover's staging loop that calls it (BulkTransfers.Stage).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(Guid row, IReadOnlyList<SummaryShare> stored, IReadOnlyList<SummaryShare> written)
    {
        _rows.Add(row);
        foreach (var share in stored) Add(row, share, -1);
        foreach (var share in written) Add(row, share, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(Guid row, SummaryShare share, int sign)
    {
        var b = share.Bucket;
        _totals.Add(new Bucket(share.UnitCode, Name(share.Book), share.Included, Name(b.Kind), b.Category, b.CategoryName, b.FoundAtCount, b.Missing),
            sign * b.Items, sign * b.Quantity, sign * b.VerifiedArea, sign * b.BookValue, sign * b.VerifiedValue, sign * b.OriginalValue,
            sign * b.AccumulatedDepreciation);
        _figures.Add(row, share, sign);
        if (sign > 0 && share.DebtStatus is not null) _debts.Add((row, share));
    }

    /// <summary>Writes the moved sums and lines in one round trip, on the transaction that rewrites the rows.</summary>
    public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (_rows.Count == 0) return;
        var ids = _rows.ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var sql in new[] { $"DELETE FROM {_schema}.{SummaryTotals.DebtsTable} WHERE item_id = ANY($1)", ReconciliationTotals.RemoveDifferences(_schema, "ANY($1)") })
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new NpgsqlParameter { Value = ids } } });
        foreach (var command in new[] { _totals.Command(), _figures.Totals(), Debts(), _figures.Differences() })
            if (command is not null) batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlBatchCommand? Debts() => _debts.Count == 0 ? null : new NpgsqlBatchCommand($"""
        INSERT INTO {_schema}.{SummaryTotals.DebtsTable} (unit_code, item_id, book, status) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[])
        """)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = _debts.Select(d => d.Share.UnitCode).ToArray() },
            new NpgsqlParameter { Value = _debts.Select(d => d.Item).ToArray() },
            new NpgsqlParameter { Value = _debts.Select(d => Name(d.Share.Book)).ToArray() },
            new NpgsqlParameter { Value = _debts.Select(d => d.Share.DebtStatus!).ToArray() },
        },
    };

    /// <summary>An enum as the store's JSON spells it, which is what the SQL reads out of a stored share.</summary>
    private string Name(Enum value)
    {
        if (!_names.TryGetValue(value, out var name)) _names[value] = name = JsonSerializer.Deserialize<string>(_serializer.ToJson(value))!;
        return name;
    }
}
