using System.Runtime.CompilerServices;
using Npgsql;
using Sanzi.Projections.Summary;

namespace Sanzi.Projections.Reconciliation;

/// <summary>
/// The reconciliation's half of <see cref="SharesMoved"/>: each figure of a share at the share's sign, added to its total under
/// the key <see cref="ReconciliationTotals.AddFigures"/> gives it (every figure's scale included), and the written figures
/// that differ, listed as <see cref="ReconciliationTotals.AddDifferences"/> lists them.
/// </summary>
internal sealed class FiguresMoved(string schema, Func<Enum, string> name, Func<ReconciliationFigure, string> json)
{
    private readonly KeptSums<Key> _totals = new($"{schema}.{ReconciliationTotals.TotalsTable}", ReconciliationTotals.KeyColumns,
        ReconciliationTotals.SumColumns, k => [k.Unit, k.Side, k.From, k.Book, k.Kind, k.Category, k.CategoryName, k.ExpectedScale, k.ActualScale,
            k.ExpectedAreaScale, k.ActualAreaScale]);

    private readonly List<(Guid Item, SummaryShare Share, string Side, ReconciliationFigure Figure)> _differences = [];

    private readonly record struct Key(string Unit, string Side, string From, string Book, string Kind, string Category, string CategoryName,
        int ExpectedScale, int ActualScale, int ExpectedAreaScale, int ActualAreaScale);

    // Optimised when first compiled, as the handover's staging loop that calls it (BulkTransfers.Stage).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(Guid item, SummaryShare share, int sign)
    {
        foreach (var (side, figure) in new[] { ("handed", share.Handed), ("received", share.Received) })
        {
            if (figure is null) continue;
            var bucket = share.Bucket;
            _totals.Add(new Key(share.UnitCode, side, figure.From ?? "", name(share.Book), name(bucket.Kind), bucket.Category, bucket.CategoryName,
                    figure.Expected.Scale, figure.Actual.Scale, figure.ExpectedArea?.Scale ?? 0, figure.ActualArea?.Scale ?? 0),
                sign, figure.Exact ? 0 : sign, sign * figure.Expected, sign * figure.Actual, sign * (figure.ExpectedArea ?? 0m), sign * (figure.ActualArea ?? 0m));
            if (sign > 0 && figure.Reason is not null) _differences.Add((item, share, side, figure));
        }
    }

    public NpgsqlBatchCommand? Totals() => _totals.Command();

    /// <summary>The differences of the rows written (the rewritten rows' own are taken away first: <see cref="ReconciliationTotals.RemoveDifferences"/>).</summary>
    public NpgsqlBatchCommand? Differences() => _differences.Count == 0 ? null : new NpgsqlBatchCommand($"""
        INSERT INTO {schema}.{ReconciliationTotals.DifferencesTable} (unit_code, side, item_id, from_unit, book, category_name, figure)
          SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
        """)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = _differences.Select(d => d.Share.UnitCode).ToArray() },
            new NpgsqlParameter { Value = _differences.Select(d => d.Side).ToArray() },
            new NpgsqlParameter { Value = _differences.Select(d => d.Item).ToArray() },
            new NpgsqlParameter { Value = _differences.Select(d => d.Figure.From ?? "").ToArray() },
            new NpgsqlParameter { Value = _differences.Select(d => name(d.Share.Book)).ToArray() },
            new NpgsqlParameter { Value = _differences.Select(d => d.Share.Bucket.CategoryName).ToArray() },
            new NpgsqlParameter { Value = _differences.Select(d => json(d.Figure)).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb },
        },
    };
}
