using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sanzi.Ledger.Audit;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Leads;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

/// <summary>
/// The inspectors' projection, run by the async daemon so writers never wait for it. For each batch of events
/// it writes the audit rows, then judges again every reform (or lone unit) the batch touched, by all the
/// rules, over its events up to the batch's end, and stores the leads under ids that make a repeat an update.
/// One projection, not two, so the rules always find the audit rows of everything before them.
/// </summary>
public sealed class InspectionProjection(LeadThresholds thresholds) : IProjection
{
    public const string Name = "Inspection";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var batch = events.Where(e => e.Data is ILedgerEvent).ToList();
        if (batch.Count == 0) return;
        var facts = batch.Select(ScopeLoader.ToFact).ToList();
        var counterparties = await DebtCounterparties(operations, facts, cancellation);
        foreach (var (e, fact) in batch.Zip(facts))
            operations.Store(AuditEntry.From(fact, e.CorrelationId,
                fact.Event is DebtIncreased or DebtReduced ? counterparties.GetValueOrDefault(fact.StreamId) : null));

        var upTo = events.Max(e => e.Sequence);
        var units = facts.Select(f => f.UnitCode).OfType<string>().Distinct().Select(StreamIds.ForUnit).ToArray();
        var books = await operations.LoadManyAsync<UnitBook>(cancellation, units);
        foreach (var reformId in books.Select(b => b.ReformId).OfType<Guid>().Distinct())
        {
            var reform = await operations.LoadAsync<Reform>(reformId, cancellation);
            if (reform is not null) await Judge(operations, ScopeLoader.UnitsOf(reform), reform, facts, upTo, cancellation);
        }
        foreach (var lone in books.Where(b => b.ReformId is null))
            await Judge(operations, [lone.Code], null, facts, upTo, cancellation);
    }

    private async Task Judge(IDocumentOperations operations, IReadOnlyCollection<string> units, Reform? reform,
        IReadOnlyList<EventFact> batch, long upTo, CancellationToken ct)
    {
        // This batch's audit rows are not saved yet, so its streams are added by hand.
        var unsaved = batch.Where(f => f.UnitCode is { } u && units.Contains(u)).Select(f => f.StreamId);
        var facts = await ScopeLoader.LoadAsync(operations, units, upTo, unsaved, ct);
        foreach (var lead in LeadRules.Evaluate(new LeadScope(facts, thresholds, reform))) operations.Store(lead);
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
