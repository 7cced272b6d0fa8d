using Marten;
using Marten.Events;

namespace Sanzi.Bench.County;

/// <summary>What the read figures wait for before they are taken.</summary>
public static class ReadFigures
{
    /// <summary>
    /// The async projections caught up with everything imported: until then the daemon folds the county's events on the
    /// same two cores, and whichever figure is timed first pays for it (in one run the debt register, timed first, took
    /// 120× its baseline). Said, not thrown, if it takes longer than five minutes.
    /// </summary>
    public static async Task CaughtUpAsync(IDocumentStore store)
    {
        try
        {
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException)
        {
            Console.WriteLine("the async projections had not caught up after 5 minutes; the read figures are taken beside them");
        }
    }

    /// <summary>
    /// The debt register's floor: the lines it copies, read by plain SQL in its order (one range scan of its kept lines,
    /// <c>DebtRegisterTable</c>), without the unit, the book or the JSON around them.
    /// </summary>
    public const string KeptRegisterSql =
        "select json from ledger.debt_register_lines where unit_code = @unit and book = 'collective' order by register_order";

    /// <summary>The one-minute load average when the read figures were taken: they share two cores with whatever else runs.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
