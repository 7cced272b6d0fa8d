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
/// it writes the audit rows, then judges again every reform (or lone unit) the batch touched, by all the
/// rules, over its events up to the end of the last commit in the batch, stores the leads under ids that make a
/// repeat an update, and marks withdrawn the stored leads that no longer hold.
/// One projection, not two, so the rules always find the audit rows of everything before them.
/// </summary>
public sealed class InspectionProjection(LeadThresholds thresholds) : IProjection
{
    public const string Name = "Inspection";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var batch = events.Where(e => e.Data is ILedgerEvent).ToList();
        if (batch.Count == 0) return;
        var facts = batch.Select(EventFact.Of).ToList();
        var counterparties = await DebtCounterparties(operations, facts, cancellation);
        foreach (var (e, fact) in batch.Zip(facts))
            operations.Store(AuditEntry.From(fact, e.CorrelationId,
                fact.Event is DebtIncreased or DebtReduced ? counterparties.GetValueOrDefault(fact.StreamId) : null));

        // Judged with the rest of their commits: their audit rows come with the next batch.
        var judged = facts.Concat((await CommitTails(operations, batch, cancellation)).Select(EventFact.Of)).ToList();
        var upTo = judged.Max(f => f.Sequence);
        var units = judged.Select(f => f.UnitCode).OfType<string>().Concat(await UnitsNaming(operations, judged, cancellation))
            .Distinct().Select(StreamIds.ForUnit).ToArray();
        var scopes = new Dictionary<string, ScopeLoader.Judged>();
        foreach (var book in await operations.LoadManyAsync<UnitBook>(cancellation, units))
        {
            var scope = await ScopeLoader.ForUnitAsync(operations, book, cancellation);
            scopes.TryAdd(scope.Reform?.Id.ToString() ?? book.Code, scope);
        }
        foreach (var scope in scopes.Values) await Judge(operations, scope, judged, upTo, cancellation);
    }

    /// <summary>
    /// The events of the batch's commits that lie beyond it. The daemon pages the log by sequence, so a batch may
    /// end inside one transaction (a handover of hundreds of items), and a rule judged on half of it accuses
    /// wrongly. A commit is visible whole or not at all, and its rows carry its PostgreSQL transaction id
    /// (<c>xmin</c>; events are never updated in place), so its remainder is the later rows with one of the batch's.
    /// </summary>
    private static async Task<IReadOnlyList<IEvent>> CommitTails(IQuerySession session, IReadOnlyList<IEvent> batch, CancellationToken ct)
    {
        var table = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        var sequences = batch.Select(e => e.Sequence).ToArray();
        var tail = await session.QueryAsync<long>(
            $"select seq_id from {table} where seq_id > ? and xmin in (select xmin from {table} where seq_id = any(?)) order by seq_id",
            ct, sequences.Max(), sequences);
        if (tail.Count == 0) return [];
        var ids = tail.ToArray();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(ids)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.Where(e => e.Data is ILedgerEvent).ToList();
    }

    /// <summary>A counterparty newly registered (a utility, say) may withdraw the leads that name it, wherever they are.</summary>
    private static async Task<IReadOnlyList<string>> UnitsNaming(IQuerySession session, IReadOnlyList<EventFact> facts, CancellationToken ct)
    {
        var names = facts.Select(f => f.Event).OfType<CounterpartyRegistered>().Select(r => r.Name).ToArray();
        if (names.Length == 0) return [];
        return await session.Query<Lead>().Where(l => l.Counterparty!.IsOneOf(names) && l.Withdrawn == null).Select(l => l.UnitCode)
            .Distinct().ToListAsync(ct);
    }

    private async Task Judge(IDocumentOperations operations, ScopeLoader.Judged judged, IReadOnlyList<EventFact> batch, long upTo,
        CancellationToken ct)
    {
        // This batch's audit rows are not saved yet, so its streams are added by hand.
        var mine = batch.Where(f => (f.UnitCode is { } u && judged.Units.Contains(u)) || f.Event is CounterpartyRegistered).ToList();
        var scope = await ScopeLoader.LoadAsync(operations, judged, thresholds, upTo, mine.Select(f => f.StreamId), ct);
        var found = LeadRules.Evaluate(scope);
        foreach (var lead in found) operations.Store(lead);

        var codes = judged.Units.ToArray();
        var ids = found.Select(l => l.Id).ToHashSet();
        var standing = await operations.Query<Lead>().Where(l => l.UnitCode.IsOneOf(codes) && l.Withdrawn == null).ToListAsync(ct);
        var by = mine.MaxBy(f => f.Sequence) ?? batch.MaxBy(f => f.Sequence)!;
        foreach (var gone in standing.Where(l => !ids.Contains(l.Id)))
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
