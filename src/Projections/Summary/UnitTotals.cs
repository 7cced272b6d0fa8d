using Marten;
using Npgsql;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;
using static Sanzi.Projections.Storage.StoredEnum;

namespace Sanzi.Projections.Summary;

/// <summary>
/// A unit's totals as the projection keeps them now (<see cref="SummaryTotals"/>): its books, the book a report
/// covers, chosen as <see cref="UnitRecords"/> chooses it, and that book's buckets of items the summary counts.
/// A few dozen rows whatever the unit's size.
/// </summary>
public sealed record UnitTotals(string Code, UnitBook Unit, Ownership Book, IReadOnlyList<SummaryBucket> Buckets)
{
    public static async Task<UnitTotals> LoadAsync(IQuerySession session, string code, Ownership? book, CancellationToken ct)
    {
        var unit = await session.UnitAsync(code, ct);
        var rows = new List<(Ownership Book, bool Included, SummaryBucket Bucket)>();
        var command = new NpgsqlCommand(
            $"select book, included, kind, category, category_name, found_at_count, missing, items, quantity, verified_area, book_value, verified_value, " +
            $"original_value, accumulated_depreciation from {Schema(session)}.{SummaryTotals.TotalsTable} " +
            "where unit_code = $1 and items <> 0")
        {
            Parameters = { new() { Value = code } },
        };
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
                rows.Add((Parse<Ownership>(reader.GetString(0)), reader.GetBoolean(1), new SummaryBucket(Parse<ItemKind>(reader.GetString(2)),
                    reader.GetString(3), reader.GetString(4), reader.GetBoolean(5), reader.GetBoolean(6), (int)reader.GetInt64(7), reader.GetDecimal(8),
                    reader.GetDecimal(9), reader.GetDecimal(10), reader.GetDecimal(11), reader.GetDecimal(12), reader.GetDecimal(13))));

        var chosen = BookOf.Choose(book, rows.Select(r => r.Book), code);
        return new UnitTotals(code, unit, chosen, rows.Where(r => r.Book == chosen && r.Included).Select(r => r.Bucket.Normalized()).ToList());
    }

    /// <summary>Per unit, the books its lines belong to (held or handed over): what a report chooses its book among.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<Ownership>>> BooksAsync(IQuerySession session, IReadOnlyList<string> codes,
        CancellationToken ct)
    {
        var command = new NpgsqlCommand(BooksSql(Schema(session), "$1"))
        {
            Parameters = { new() { Value = codes.ToArray() } },
        };
        var books = new List<(string Code, Ownership Book)>();
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
            while (await reader.ReadAsync(ct))
                books.Add((reader.GetString(0), Parse<Ownership>(reader.GetString(1))));
        return books.GroupBy(b => b.Code).ToDictionary(g => g.Key, IReadOnlyList<Ownership> (g) => g.Select(b => b.Book).ToList());
    }

    /// <summary>The (unit, book) pairs of the units named by the text[] parameter <paramref name="codes"/>.</summary>
    public static string BooksSql(string schema, string codes) =>
        $"select distinct unit_code, book from {schema}.{SummaryTotals.TotalsTable} where unit_code = any({codes}) and items <> 0";

    private static string Schema(IQuerySession session) => session.DocumentStore.Options.DatabaseSchemaName;

}
