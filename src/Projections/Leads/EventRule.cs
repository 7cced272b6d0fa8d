using System.Globalization;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

/// <summary>
/// A rule that judges each event on its own (a payment in the freeze, a disposal without resolution): its key is
/// the event. <see cref="Concerns"/> says whether the event is one it accuses; <see cref="Judge(EventFact, T, LeadScope)"/>
/// words the lead, or finds none when the documents attached since answer it.
/// </summary>
public abstract class EventRule<T> : ILeadRule where T : class
{
    public abstract string Name { get; }
    public abstract string Flag { get; }

    public IEnumerable<string> KeysOf(EventFact fact, LeadScope scope) =>
        fact.Event is T e && Concerns(fact, e, scope) ? [fact.Sequence.ToString(CultureInfo.InvariantCulture)] : [];

    public IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope) =>
        facts.Select(f => Judge(f, (f.Event as T)!, scope)).OfType<Lead>();

    protected abstract bool Concerns(EventFact fact, T e, LeadScope scope);

    protected abstract Lead? Judge(EventFact fact, T e, LeadScope scope);
}

/// <summary>A rule about money or property leaving a unit (<see cref="Outflow"/>: a payment, disposal, new or grown liability), judged each on its own.</summary>
public abstract class OutflowRule : EventRule<ILedgerEvent>
{
    protected sealed override bool Concerns(EventFact fact, ILedgerEvent e, LeadScope scope) => scope.OutflowOf(fact) is { } o && Concerns(o, scope);

    protected sealed override Lead Judge(EventFact fact, ILedgerEvent e, LeadScope scope) => Judge(scope.OutflowOf(fact)!, scope);

    protected abstract bool Concerns(Outflow o, LeadScope scope);

    protected abstract Lead Judge(Outflow o, LeadScope scope);
}
