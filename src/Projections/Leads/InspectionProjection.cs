using System.Collections.Concurrent;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Counterparties;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

/// <summary>
/// The inspectors' projection, run by the async daemon so writers never wait for it. For each batch of events
/// it writes the audit rows, then judges again every reform (or lone unit) the batch touched, over its events up
/// to the last whole commit, stores the leads that are new or changed under ids that make a repeat an update, and
/// marks withdrawn the stored leads that no longer hold. The scopes roll forward in memory with their rules' index
/// (<see cref="RollingScopes"/>, <see cref="RuleIndex"/>): a batch judges only the keys (payee, person, account ...)
/// its events touched, so it costs about the same however large its reform has grown.
/// One projection, not two, so the rules always find the audit rows of everything before them.
/// </summary>
public sealed class InspectionProjection(LeadThresholds thresholds) : IProjection
{
    public const string Name = "Inspection";

    /// <summary>One rolling state per database: with a database per county, their daemons project side by side.</summary>
    private readonly ConcurrentDictionary<string, RollingScopes> _scopes = new();

    /// <summary>
    /// Per database, the events the last batch projected past its whole commits, which the next batch judges. A bulk
    /// import commits thousands of events at once, so without them each batch of the daemon read the commit's earlier
    /// part back from the log again (a 5,000-event commit in batches of 500: 22,500 events read and deserialised twice).
    /// </summary>
    private readonly ConcurrentDictionary<string, Carried> _carried = new();

    private readonly AuditRows _audit = new();

    /// <summary>The ledger's events after <paramref name="After"/> up to <paramref name="UpTo"/>, in log order.</summary>
    private sealed record Carried(long After, long UpTo, IReadOnlyList<IEvent> Events);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        if (events.Count == 0) return;
        var ledger = events.Where(e => e.Data is ILedgerEvent).ToList();
        var facts = ledger.Select(EventFact.Of).ToList();
        var counterparties = await DebtCounterparties(operations, facts, cancellation);
        await _audit.StoreAsync(operations, ledger.Zip(facts, (e, fact) => AuditEntry.From(fact, e.CorrelationId,
            fact.Event is DebtIncreased or DebtReduced ? counterparties.GetValueOrDefault(fact.StreamId) : null)).ToList(), cancellation);

        var first = events.Min(e => e.Sequence);
        var last = events.Max(e => e.Sequence);
        var mark = await operations.LoadAsync<InspectionMark>(InspectionMark.Key, cancellation);
        var from = mark is { } m && m.JudgedUpTo < first ? m.JudgedUpTo : first - 1;
        var database = operations.Database.Id.ToString();
        var carried = from >= first - 1 ? []
            : _carried.TryGetValue(database, out var kept) && kept.After == from && kept.UpTo == first - 1 ? kept.Events
            : await Between(operations, from, first - 1, cancellation);
        var upTo = await WholeCommitsUpTo(operations, [.. carried, .. ledger], last, cancellation);
        operations.Store(new InspectionMark(InspectionMark.Key, upTo));
        _carried[database] = new Carried(upTo, last, carried.Concat(ledger).Where(e => e.Sequence > upTo).ToList());

        var ready = carried.Concat(ledger).Where(e => e.Sequence <= upTo).ToList();
        var readyFacts = carried.Select(EventFact.Of).Concat(facts).Where(f => f.Sequence <= upTo).ToList();
        var scopes = _scopes.GetOrAdd(database, _ => new RollingScopes(thresholds));
        scopes.Advance(readyFacts, ready.Where(e => e.Version == 1).Select(e => e.Sequence).ToHashSet(), from, upTo);
        if (ready.Count == 0) return;

        var units = readyFacts.Select(f => f.UnitCode).OfType<string>().Concat(await UnitsNaming(operations, readyFacts, cancellation))
            .Distinct().Select(StreamIds.ForUnit).ToArray();
        var judged = new Dictionary<string, ScopeLoader.Judged>();
        foreach (var book in await operations.LoadManyAsync<UnitBook>(cancellation, units))
        {
            var scope = await ScopeLoader.ForUnitAsync(operations, book, cancellation);
            judged.TryAdd(scope.Reform?.Id.ToString() ?? book.Code, scope);
        }
        var unsaved = facts.Where(f => f.Sequence <= upTo).ToList();
        var registered = judged.Count > 0 ? await Registered.LoadAsync(operations, cancellation) : [];
        foreach (var scope in judged.Values) await Judge(operations, scopes, scope, registered, readyFacts, unsaved, cancellation);
    }

    /// <summary>The ledger's events after one sequence up to another, in log order.</summary>
    private static async Task<IReadOnlyList<IEvent>> Between(IQuerySession session, long after, long upTo, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > after && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.Where(e => e.Data is ILedgerEvent).ToList();
    }

    /// <summary>
    /// The last event of the batch before the first commit that goes on beyond it. The daemon pages the log by
    /// sequence, so a batch may end inside one transaction (a handover of hundreds of items), and a rule judged on
    /// half of it accuses wrongly; the rest of such a commit is judged with the next batch. A commit is visible
    /// whole or not at all, and its rows carry its PostgreSQL transaction id (<c>xmin</c>; events are never updated
    /// in place). The search looks a bounded distance past the batch: a commit's sequence numbers are drawn
    /// together, so its rows lie close.
    /// </summary>
    private static async Task<long> WholeCommitsUpTo(IQuerySession session, IReadOnlyList<IEvent> batch, long last, CancellationToken ct)
    {
        if (batch.Count == 0) return last;
        var table = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        var open = await session.QueryAsync<long>(
            $"""
             select coalesce(min(b.seq_id), ?) from {table} b
             where b.seq_id = any(?) and b.xmin in (select a.xmin from {table} a where a.seq_id > ? and a.seq_id <= ?)
             """,
            ct, last + 1, batch.Select(e => e.Sequence).ToArray(), last, last + CommitReach);
        return open[0] - 1;
    }

    /// <summary>How far past a batch the rest of its commits is looked for.</summary>
    private const long CommitReach = 10_000;

    /// <summary>A counterparty newly registered (a utility, say) may withdraw the leads that name it, wherever they are.</summary>
    private static async Task<IReadOnlyList<string>> UnitsNaming(IQuerySession session, IReadOnlyList<EventFact> facts, CancellationToken ct)
    {
        var names = facts.Select(f => f.Event).OfType<CounterpartyRegistered>().Select(r => r.Name).ToArray();
        if (names.Length == 0) return [];
        return await session.Query<Lead>().Where(l => l.Counterparty!.IsOneOf(names) && l.Withdrawn == null).Select(l => l.UnitCode)
            .Distinct().ToListAsync(ct);
    }

    private static async Task Judge(IDocumentOperations operations, RollingScopes scopes, ScopeLoader.Judged judged,
        IReadOnlyList<CounterpartyEntry> registered, IReadOnlyList<EventFact> ready, IReadOnlyList<EventFact> unsaved, CancellationToken ct)
    {
        var verdict = await scopes.JudgeAsync(operations, judged, registered,
            unsaved.Where(f => f.UnitCode is { } u && judged.Units.Contains(u)).Select(f => f.StreamId), ct);
        foreach (var lead in verdict.Found) operations.Store(lead);
        var mine = ready.Where(f => (f.UnitCode is { } u && judged.Units.Contains(u)) || f.Event is CounterpartyRegistered).ToList();
        var by = mine.MaxBy(f => f.Sequence) ?? ready.MaxBy(f => f.Sequence)!;
        foreach (var gone in verdict.Withdrawn)
            operations.Store(gone with { Withdrawn = new LeadWithdrawal(by.Sequence, by.EventId, by.Type, by.RecordedAt) });
    }

    /// <summary>Increases and reductions of a debt don't repeat its counterparty; the item card has it.</summary>
    private static async Task<IReadOnlyDictionary<Guid, string>> DebtCounterparties(IQuerySession session, IReadOnlyList<EventFact> facts,
        CancellationToken ct)
    {
        var ids = facts.Where(f => f.Event is DebtIncreased or DebtReduced).Select(f => f.StreamId).Distinct().ToArray();
        if (ids.Length == 0) return new Dictionary<Guid, string>();
        var items = await session.LoadManyAsync<Item>(ct, ids);
        return items.Where(i => i.Counterparty is not null).ToDictionary(i => i.Id, i => i.Counterparty!);
    }
}
