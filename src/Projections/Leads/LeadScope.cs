using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Projections.Audit;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Documents;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Resources;
using Sanzi.Ledger.Units;

namespace Sanzi.Projections.Leads;

/// <summary>Money or property leaving a unit: a payment, a disposal, a new or grown liability; <see cref="What"/> says which, in Chinese.</summary>
public sealed record Outflow(EventFact Fact, string UnitCode, decimal Amount, string? Counterparty, Guid? ExceptionId, string What);

/// <summary>
/// The events the rules read, in log order: those of one reform's units (or of one unit outside any reform),
/// with the reform that says which unit succeeds which. Everything time-dependent (freeze, debt lock,
/// handover) is read from the events themselves, so evaluating a prefix of the log gives that moment's leads.
/// A scope grows by later events (<see cref="Append"/>), so the inspection projection keeps one per reform
/// instead of reading the reform's whole history again for each batch.
/// </summary>
public sealed class LeadScope
{
    private readonly List<EventFact> _facts = [];
    private readonly HashSet<long> _sequences = [];
    private readonly Dictionary<Type, List<EventFact>> _byType = new();
    private readonly Dictionary<string, Instant> _frozenAt = new();
    private readonly Dictionary<string, Instant> _lockedAt = new();
    private readonly Dictionary<string, BooksHandedOver> _handedOver = new();
    private readonly Dictionary<Guid, ExceptionApproved> _exceptions = new();
    private readonly Dictionary<Guid, ILedgerEvent> _firstEvents = new();
    private readonly Dictionary<string, LocalDate> _planned = new();
    private readonly Dictionary<string, string> _unitNames = new();
    private readonly Dictionary<string, long> _firstActs = new();
    private IReadOnlyList<CounterpartyEntry> _registered = [];

    public LeadScope(IEnumerable<EventFact> facts, LeadThresholds thresholds, Reform? reform = null,
        IEnumerable<CounterpartyEntry>? registered = null)
    {
        Thresholds = thresholds;
        Renew(reform, registered);
        Append(facts.OrderBy(f => f.Sequence));
    }

    /// <summary>
    /// Later events of the scope, in log order, each after every event already in it (a repeat is ignored): the
    /// lookups answer as of the first event that set them, as they would for the whole log read at once.
    /// </summary>
    public void Append(IEnumerable<EventFact> facts)
    {
        foreach (var fact in facts)
        {
            if (!_sequences.Add(fact.Sequence)) continue;
            if (_facts.Count > 0 && fact.Sequence < _facts[^1].Sequence)
                throw new InvalidOperationException($"Event {fact.Sequence} arrived after {_facts[^1].Sequence}; a scope grows in log order.");
            _facts.Add(fact);
            var type = fact.Event.GetType();
            if (!_byType.TryGetValue(type, out var ofType)) _byType[type] = ofType = [];
            ofType.Add(fact);
            _firstEvents.TryAdd(fact.StreamId, fact.Event);
            _firstActs.TryAdd(fact.Actor, fact.Sequence);
            switch (fact.Event)
            {
                case UnitRegistered u: _unitNames.TryAdd(u.Code, u.Name); break;
                case UnitJoinedReform j: _planned.TryAdd(j.Code, j.Stamp.BusinessDate); break;
                case UnitFrozen f: _frozenAt.TryAdd(f.Code, f.FrozenAt); break;
                case DebtsLocked l: _lockedAt.TryAdd(l.UnitCode, l.Stamp.RecordedAt); break;
                case BooksHandedOver h: _handedOver.TryAdd(h.UnitCode, h); break;
                case ExceptionApproved x: _exceptions.TryAdd(x.ExceptionId, x); break;
                case DocumentsAttached: _attachments = null; break;
            }
            if (fact.BusinessDate > Today) Today = fact.BusinessDate;
        }
    }

    /// <summary>
    /// The reform as it stands now and the counterparties registered since the county's list; both change without
    /// events of the scope. Says whether either changed what the rules read (the units, successors, names, register).
    /// </summary>
    public bool Renew(Reform? reform, IEnumerable<CounterpartyEntry>? registered)
    {
        var entries = registered?.ToList() ?? [];
        var changed = Reform?.Id != reform?.Id || !SameUnits(Reform, reform) || !_registered.SequenceEqual(entries);
        Reform = reform;
        _registered = entries;
        Counterparties = new CounterpartyRegister([.. Thresholds.Counterparties, .. entries]);
        foreach (var unit in reform?.Predecessors.Select(p => (p.Code, p.Name)).Concat(reform.Successors.Select(s => (s.Code, s.Name))) ?? [])
            _unitNames[unit.Code] = unit.Name;
        return changed;
    }

    private static bool SameUnits(Reform? a, Reform? b) =>
        a is null || b is null ? a == b : a.Predecessors.SequenceEqual(b.Predecessors) && a.Successors.SequenceEqual(b.Successors);

    public int Count => _facts.Count;

    /// <summary>The streams the scope has events of.</summary>
    public IEnumerable<Guid> Streams => _firstEvents.Keys;

    public bool HasStream(Guid streamId) => _firstEvents.ContainsKey(streamId);

    public IReadOnlyList<EventFact> Facts => _facts;

    /// <summary>The documents each entry carries, attached later ones included.</summary>
    public Func<EventFact, IReadOnlyList<string>> Attachments => _attachments ??= Documents.Attachments.Of(_facts);

    private Func<EventFact, IReadOnlyList<string>>? _attachments;
    public LeadThresholds Thresholds { get; }
    public Reform? Reform { get; private set; }
    public CounterpartyRegister Counterparties { get; private set; } = null!;

    /// <summary>The latest business day the scope knows of: the rules' "now", so a prefix of the log judges as it stood.</summary>
    public LocalDate Today { get; private set; }

    public string UnitName(string code) => _unitNames.GetValueOrDefault(code, code);

    /// <summary>Whether this person records entries in the scope's books.</summary>
    public bool IsActor(string name) => _firstActs.ContainsKey(name);

    /// <summary>Whether the event is the first its actor recorded in the scope (from which on they are an actor).</summary>
    public bool IsFirstActOf(EventFact fact) => _firstActs.GetValueOrDefault(fact.Actor) == fact.Sequence;

    /// <summary>An item as people name it: its code and name (or the counterparty of a claim or debt).</summary>
    public string ItemLabel(Guid itemId) => FirstEventOf(itemId) switch
    {
        AssetRegistered a => $"{a.ItemCode} {a.Name}",
        AssetFoundAtCount a => $"{a.ItemCode} {a.Name}",
        ResourceRegistered r => $"{r.ItemCode} {r.Name}",
        FundAccountOpened f => $"{f.ItemCode} {f.Name}",
        DebtRecorded d => $"{d.ItemCode} {d.Counterparty}",
        _ => itemId.ToString(),
    };

    /// <summary>The business day the unit was named in a reform's plan (调整方案): the window of rush hiring, gifts and loans opens.</summary>
    public LocalDate? PlannedOn(string unitCode) => _planned.TryGetValue(unitCode, out var day) ? day : null;

    /// <summary>From the plan to the handover (or to now, before it), in business time.</summary>
    public bool InReformWindow(string unitCode, LocalDate day) =>
        PlannedOn(unitCode) is { } planned && day >= planned && (HandedOver(unitCode) is not { } h || day <= h.Stamp.BusinessDate);

    /// <summary>A lead of this scope: the rule, the unit by code and name, and each event with its movement's particulars.</summary>
    public Lead Lead(ILeadRule rule, string unitCode, string summary, decimal amount, decimal? threshold, string? counterparty,
        IReadOnlyList<EventFact> facts)
    {
        var ordered = facts.DistinctBy(f => f.Sequence).OrderBy(f => f.Sequence).ToList();
        return new Lead($"{rule.Name}-{unitCode}-{ordered[0].Sequence}", rule.Name, rule.Flag, unitCode, UnitName(unitCode), null,
            $"{UnitName(unitCode)}（{unitCode}）{summary}", amount, threshold, counterparty,
            ordered.Select(f => f.Actor).Distinct().ToList(),
            ordered.Min(f => f.RecordedAt), ordered.Max(f => f.RecordedAt),
            ordered.Min(f => f.BusinessDate), ordered.Max(f => f.BusinessDate),
            ordered.Select(Movement).ToList());
    }

    private LeadEvent Movement(EventFact f)
    {
        var (purpose, account, approver, exceptionId) = EventFacts.ParticularsOf(f.Event);
        var value = f.Event switch
        {
            AssetDisposed d => EnteredValue(d.AssetId),
            _ => f.Amount,
        };
        return new LeadEvent(f.Sequence, f.EventId, f.StreamId, f.Type, f.BusinessDate, f.Actor,
            _firstEvents.ContainsKey(f.StreamId) && FirstEventOf(f.StreamId) is not UnitRegistered ? ItemLabel(f.StreamId) : null,
            value, f.Counterparty, purpose, account, approver, Exception(exceptionId) is { } x ? $"{x.Document}（{x.Approver}）" : null,
            Attachments(f) is { Count: > 0 } documents ? documents : null);
    }

    /// <summary>Leads carry the reform whose old unit they concern; a successor's own leads carry none.</summary>
    public Guid? ReformOf(string unitCode) => Reform?.Predecessors.Any(p => p.Code == unitCode) == true ? Reform.Id : null;

    public Instant? FrozenAt(string unitCode) => _frozenAt.TryGetValue(unitCode, out var at) ? at : null;
    public Instant? DebtsLockedAt(string unitCode) => _lockedAt.TryGetValue(unitCode, out var at) ? at : null;
    public BooksHandedOver? HandedOver(string unitCode) => _handedOver.GetValueOrDefault(unitCode);
    public ExceptionApproved? Exception(Guid? id) => id is { } x ? _exceptions.GetValueOrDefault(x) : null;

    /// <summary>
    /// At or after its unit's freeze in business time: dated after the freeze day, or on it and recorded after the
    /// freeze instant. The window in which outflows need an exception (特批).
    /// </summary>
    public bool InFreezeWindow(EventFact fact) =>
        fact.UnitCode is { } unit && FrozenAt(unit) is { } frozen
        && (fact.BusinessDate > Stamp.DayOf(frozen) || (fact.BusinessDate == Stamp.DayOf(frozen) && fact.RecordedAt >= frozen));

    /// <summary>The event that opened an item's stream: its registration, account opening or debt.</summary>
    public ILedgerEvent? FirstEventOf(Guid itemId) => _firstEvents.GetValueOrDefault(itemId);

    public bool IsCashAccount(Guid accountId) => FirstEventOf(accountId) is FundAccountOpened { Kind: FundKind.Cash };

    public bool IsLiability(Guid debtId) => FirstEventOf(debtId) is DebtRecorded { Side: ItemKind.Liability };

    /// <summary>What an item was entered at: net value, opening balance, amount.</summary>
    public decimal EnteredValue(Guid itemId) => FirstEventOf(itemId) is { } e ? EventFacts.AmountOf(e) ?? 0m : 0m;

    /// <summary>The designated successor (接收单位) of an old unit, by code and name.</summary>
    public Successor? SuccessorOf(string unitCode) =>
        Reform?.Predecessors.FirstOrDefault(p => p.Code == unitCode) is { } p
            ? Reform.Successors.FirstOrDefault(s => s.Code == p.SuccessorCode) ?? new Successor(p.SuccessorCode, p.SuccessorCode)
            : null;

    public IEnumerable<(EventFact Fact, T Event)> Of<T>() where T : ILedgerEvent => FactsOf<T>().Select(f => (f, (T)f.Event));

    public IReadOnlyList<EventFact> FactsOf<T>() where T : ILedgerEvent => _byType.TryGetValue(typeof(T), out var facts) ? facts : [];

    /// <summary>The event as money or property leaving its unit, if it is one.</summary>
    public Outflow? OutflowOf(EventFact f) => f.Event switch
    {
        PaymentRecorded p => new Outflow(f, p.UnitCode, p.Amount, p.Payee.Name, p.ExceptionId, "付款"),
        AssetDisposed d => new Outflow(f, d.UnitCode, EnteredValue(d.AssetId), d.Recipient, d.ExceptionId, $"处置{ItemLabel(d.AssetId)}"),
        DebtRecorded { Side: ItemKind.Liability } d => new Outflow(f, d.UnitCode, d.Amount, d.Counterparty, d.ExceptionId, "新增负债"),
        DebtIncreased d when IsLiability(d.DebtId) =>
            new Outflow(f, d.UnitCode, d.Amount, (FirstEventOf(d.DebtId) as DebtRecorded)?.Counterparty, d.ExceptionId, "负债增加"),
        _ => null,
    };

    /// <summary>Items a unit held when it froze: entered before the freeze and not disposed of before it.</summary>
    public IEnumerable<EventFact> ItemsAtFreeze(string unitCode, Instant frozen)
    {
        var disposedBefore = Of<AssetDisposed>().Where(d => !InFreezeWindow(d.Fact)).Select(d => d.Event.AssetId).ToHashSet();
        return Facts.Where(f => f.UnitCode == unitCode && !InFreezeWindow(f) && !disposedBefore.Contains(f.StreamId)
                                && f.Event is AssetRegistered or ResourceRegistered or FundAccountOpened or DebtRecorded);
    }
}
