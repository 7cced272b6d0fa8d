using Marten;
using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;

namespace Sanzi.Bench.Verify;

/// <summary>Items through ordinary Marten sessions, so the writer hashes them and the inline documents are built as in the ledger.</summary>
public static class Seed
{
    public const int EventsPerItem = 4;
    private const int ItemsPerTransaction = 1_000;

    /// <summary>Seeds items until the log holds at least <paramref name="events"/> events; returns how many it added.</summary>
    public static async Task<long> TopUpAsync(IDocumentStore store, long events)
    {
        var missing = events - await CountAsync(store);
        if (missing > 0) await ItemsAsync(store, (int)missing);
        return Math.Max(missing, 0);
    }

    public static async Task<long> CountAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }

    private static async Task ItemsAsync(IDocumentStore store, int events)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var stamp = new Stamp("bench-clerk", now, Stamp.DayOf(now));
        var items = events / EventsPerItem;
        var batches = Enumerable.Range(0, items).Chunk(ItemsPerTransaction);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, ct) =>
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = "bench-clerk";
            session.SetHeader("role", "township-clerk");
            foreach (var i in batch)
            {
                var id = Guid.CreateVersion7();
                var value = 4_800m + i % 100;
                session.Events.StartStream<Item>(id,
                    new AssetRegistered(id, "360702101", $"ZC-{i:D7}", Ownership.Collective, AssetCategory.OfficeEquipment, $"办公设备 {i}", null,
                        1, "台", value, 0m, new LocalDate(2020, 1, 1), "村委会", null, null, stamp),
                    new ItemCounted(id, "360702101", CountResult.Confirmed, value, value, 1, null, stamp.BusinessDate, stamp),
                    new ItemCounted(id, "360702101", CountResult.Confirmed, value, value - 100, 1, null, stamp.BusinessDate, stamp),
                    new ItemCounted(id, "360702101", CountResult.Confirmed, value - 100, value - 100, 1, null, stamp.BusinessDate, stamp));
            }
            await session.SaveChangesAsync(ct);
        });
    }
}
