using System.Text.Json;
using Marten;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Projections.Summary;
using static Sanzi.Projections.Storage.StoredEnum;

namespace Sanzi.Projections.Debts;

/// <summary>A register line with the counterparty it is grouped under.</summary>
public sealed record DebtEntry(ItemKind Side, string Counterparty, HolderType CounterpartyType, DebtRegisterLine Line);

/// <summary>
/// The register's lines of now, read as columns: the claims and liabilities the kept totals list for the unit
/// (<see cref="SummaryTotals.DebtsTable"/>) joined to their <see cref="DebtLine"/>s, with PostgreSQL choosing the lock
/// that counts for this unit (<see cref="DebtLine.LockFor"/>) and sending only the movements after it. Deserialising
/// every line's whole history was most of the register's time; the lines are those the register replays at another time.
/// </summary>
public static class DebtRegisterLines
{
    public static async Task<IReadOnlyList<DebtEntry>> LoadAsync(IQuerySession session, UnitTotals totals, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var command = new NpgsqlCommand(Sql(schema)) { Parameters = { new() { Value = totals.Code }, new() { Value = totals.Book.ToString() } } };
        var entries = new List<DebtEntry>();
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            var since = reader.IsDBNull(11) ? [] : JsonSerializer.Deserialize<List<DebtMovement>>(reader.GetString(11), LedgerJson.Options)!;
            var locked = reader.IsDBNull(9) ? (LocalDate?)null : LocalDatePattern.Iso.Parse(reader.GetString(9)).Value;
            var line = new DebtRegisterLine(reader.GetGuid(0), reader.GetString(3), Parse<DebtKind>(reader.GetString(5)), reader.GetString(2), locked,
                reader.IsDBNull(10) ? null : reader.GetDecimal(10), since.Sum(m => m.Amount), reader.GetDecimal(8), since.Count > 0, since);
            entries.Add(new DebtEntry(Parse<ItemKind>(reader.GetString(4)), reader.GetString(6), Parse<HolderType>(reader.GetString(7)), line));
        }
        return entries;
    }

    /// <summary>
    /// The lock is the unit's own last one, else the line's last; the movements after it are those past the count it
    /// recorded (none without a lock, as the register shows none). <c>offset 0</c> keeps the lock a value chosen once per
    /// line: without it the planner copies its subquery into each of the three places that read it.
    /// </summary>
    private static string Sql(string schema) => $"""
        select l.id, d.book, d.status, l.data ->> 'itemCode', l.data ->> 'side', l.data ->> 'kind', l.data ->> 'counterparty',
          l.data ->> 'counterpartyType', (l.data ->> 'balance')::numeric, k.lk ->> 'asOf', (k.lk ->> 'balance')::numeric,
          (select jsonb_agg(a.m order by a.n)::text from jsonb_array_elements(l.data -> 'movements') with ordinality a(m, n)
           where a.n > (k.lk ->> 'movementsBefore')::int)
        from {schema}.{SummaryTotals.DebtsTable} d
          join {schema}.mt_doc_debtline l on l.id = d.item_id
          cross join lateral (select coalesce(
            (select b.lk from jsonb_array_elements(l.data -> 'locks') with ordinality b(lk, n) where b.lk ->> 'unitCode' = $1 order by b.n desc limit 1),
            l.data -> 'locks' -> -1) as lk offset 0) k
        where d.unit_code = $1 and lower(d.book) = lower($2)
        """;

}
