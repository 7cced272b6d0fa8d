using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sanzi.Integrity;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Handovers;
using Sanzi.Projections.Imports;

namespace Sanzi.Bench.County;

/// <summary>
/// Takes the bench's declared reforms through the count (清产核资) and the handover (移交), so that the reconciliation is
/// timed on a counted and handed-over county: the four meetings and the freeze, then per old village the debt lock, a
/// count of every item (a shortage 盘亏 in every 50th asset or parcel, a value adjusted in every 40th asset, a parcel's
/// area recounted in every 30th, two surpluses 盘盈), the inventory's close, the notice and the members' confirmation,
/// the handover register and its three signatures. Every step is the ledger's own decision; the counts are written by the
/// bulk path (<see cref="EventCopy"/>, <see cref="BulkDocuments"/>, the items read by <see cref="BulkTransfers"/>), and the
/// third signature goes through the API, whose bulk transfers move the items. The bench does not wait out the notice's
/// days: the members confirm the same day, as a re-confirmation after objections may.
/// </summary>
public sealed class CountyHandovers(IServiceProvider services, HttpClient http, string supervisor)
{
    private readonly IDocumentStore _store = services.GetRequiredService<IDocumentStore>();
    private readonly BulkTransfers _bulk = services.GetRequiredService<BulkTransfers>();
    private readonly EventCopy _events = services.GetRequiredService<EventCopy>();
    private readonly BulkDocuments _documents = services.GetRequiredService<BulkDocuments>();
    private const string Clerk = "县农经站-基准";

    /// <summary>Counts and hands over every reform's old villages; the number of items counted.</summary>
    public async Task<int> RunAsync(IReadOnlyList<Guid> reforms)
    {
        var counted = 0;
        foreach (var reformId in reforms)
        {
            var reform = await FreezeAsync(reformId);
            foreach (var p in reform.Predecessors)
            {
                await StepAsync(p.Code, (unit, items, stamp) => [new LockDebts(Key(), null, null).Decide(unit, items, stamp)]);
                counted += await CountAsync(p.Code);
                await StepAsync(p.Code, (unit, _, stamp) => Enumerable.Range(1, 2).Select(object (i) => new RecordSurplus(Key(), null, Ownership.Collective,
                    AssetCategory.Machinery, $"盘盈农机{i}", 1, "台", 12_000m + i, "农机棚", "购置未入账", null).Decide(unit, Guid.CreateVersion7(), stamp)).ToList(), readsItems: false);
                await StepAsync(p.Code, (unit, items, stamp) => [new CloseInventory(Key(), null, null).Decide(unit, items, stamp)]);
                await StepAsync(p.Code, (unit, _, stamp) =>
                    [new PublishNotice(Key(), null, ["村务公开栏"], "镇三资中心", null).Decide(unit, reform, reform.NoticeDays, Guid.CreateVersion7(), stamp)], readsItems: false);
                await StepAsync(p.Code, (unit, _, stamp) =>
                    [new ConfirmResults(Key(), MembersBody.MembersAssembly, stamp.BusinessDate, "成员大会决议", null).Decide(unit, stamp, objectionRound: false)], readsItems: false);
                await StepAsync(p.Code, (unit, items, stamp) =>
                [
                    new DraftHandover(Key(), null, [new(HandoverRole.HandingOver, $"移交人{p.Code}", "村会计"),
                        new(HandoverRole.Receiving, $"接收人{p.Code}", "新村会计"), new(HandoverRole.Supervising, supervisor, "监交人")],
                        ["会计账簿", "会计凭证"], [], [], null, null).Decide(unit, reform, items, Guid.CreateVersion7(), stamp),
                ]);
                // The first two signatures read only the unit's own books: the third, below, moves the items.
                foreach (var (role, name) in new[] { (HandoverRole.HandingOver, $"移交人{p.Code}"), (HandoverRole.Receiving, $"接收人{p.Code}") })
                    await StepAsync(p.Code, (unit, items, stamp) => new SignHandover(Key(), role, null)
                        .Decide(new SignHandover.Books(unit, unit, reform, [], items), stamp with { Actor = name }).Select(e => e.Event).ToList(), readsItems: false);
                await SignLastAsync(p.Code);
            }
        }
        return counted;
    }

    /// <summary>The four meetings of every old village, then the freeze, as of now.</summary>
    private async Task<Reform> FreezeAsync(Guid reformId)
    {
        await using (var session = _store.LightweightSession())
        {
            var reform = (await session.LoadAsync<Reform>(reformId))!;
            var stamp = Now();
            foreach (var p in reform.Predecessors)
            foreach (var meeting in Enum.GetValues<Meeting>())
                session.Events.Append(reformId, new RecordResolution(Key(), p.Code, meeting, stamp.BusinessDate, "会议决议", null).Decide(reform, stamp));
            await session.SaveChangesAsync();
        }

        await using (var session = _store.LightweightSession())
        {
            session.Append(new FreezeReform(Key(), null, "县政发〔2026〕9号", null).Decide((await session.LoadAsync<Reform>(reformId))!, Now()));
            await session.SaveChangesAsync();
            return (await session.LoadAsync<Reform>(reformId))!;
        }
    }

    /// <summary>
    /// One step of a unit, decided on its books and (when <paramref name="decide"/> reads them) its items as they stand, appended to
    /// the unit's stream (a new item's, for a surplus).
    /// </summary>
    private async Task StepAsync(string code, Func<UnitBook, IReadOnlyList<Item>, Stamp, IReadOnlyList<object>> decide, bool readsItems = true)
    {
        await using var session = _store.LightweightSession();
        var unit = await session.UnitAsync(code, CancellationToken.None);
        var items = readsItems ? await session.ItemsOfUnitAsync(code, CancellationToken.None) : [];
        foreach (var e in decide(unit, items, Now()))
            if (e is AssetFoundAtCount found) session.Events.StartStream<Item>(found.AssetId, found);
            else session.Events.Append(unit.Id, e);
        await session.SaveChangesAsync();
    }

    /// <summary>Every item of the unit counted, the events and the cards and rows they change written in bulk in one transaction.</summary>
    private async Task<int> CountAsync(string code)
    {
        await using var session = _store.LightweightSession();
        var unit = await session.UnitAsync(code, CancellationToken.None);
        var holdings = await _bulk.ReadAsync(session, code, CancellationToken.None);
        var stamp = Now();
        var counts = holdings.Items.Where(i => i.IsInBooks).Select((item, n) => Count(item, n).Decide(unit, item, stamp)).ToList();
        var held = holdings.Items.ToDictionary(i => i.Id);
        var next = counts.ToDictionary(c => c.ItemId, c => holdings.Versions[c.ItemId] + 1);

        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await _events.AppendAsync(connection, transaction, session.TenantId,
            counts.Select(c => new StreamWrite(c.ItemId, typeof(Item), holdings.Versions[c.ItemId], [c])).ToList(),
            new WriteMetadata(Clerk, null, null, null, stamp.RecordedAt.ToDateTimeOffset()), CancellationToken.None);
        await _documents.ReplaceAsync(connection, transaction, counts.Select(c => (c.ItemId, next[c.ItemId], held[c.ItemId].Apply(c))).ToList(),
            CancellationToken.None);
        var rows = counts.Where(c => holdings.Rows.ContainsKey(c.ItemId)).Select(c => (c.ItemId, next[c.ItemId], holdings.Rows[c.ItemId].Row.Apply(c))).ToList();
        await _documents.WithTotalsAsync(connection, transaction, rows.Select(r => r.ItemId).ToArray(), replacing: true,
            () => _documents.ReplaceAsync(connection, transaction, rows, CancellationToken.None), CancellationToken.None);
        await transaction.CommitAsync();
        return counts.Count;
    }

    private static CountItem Count(Item item, int n) => item.Kind switch
    {
        ItemKind.Asset or ItemKind.Resource when n % 50 == 7 => new(Key(), CountResult.Missing, null, null, "盘点未见实物", null, null),
        ItemKind.Asset when n % 40 == 3 => new(Key(), CountResult.Adjusted, decimal.Round(item.BookValue * 0.8m, 2), null, "评估减值", null, null),
        ItemKind.Resource when n % 30 == 5 => new(Key(), CountResult.Confirmed, null, item.Quantity + 1, null, null, null),
        _ => new(Key(), CountResult.Confirmed, null, null, null, null, null),
    };

    /// <summary>The supervising party's signature through the API: the third, which moves every item by the bulk transfers.</summary>
    private async Task SignLastAsync(string code)
    {
        using var response = await http.PostAsJsonAsync($"/api/units/{code}/handover/signatures", new { idempotencyKey = Key(), role = "supervising" });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Stamp Now() => CountyBooks.Stamp(SystemClock.Instance.GetCurrentInstant());

    private static string Key() => Guid.NewGuid().ToString("N");
}
