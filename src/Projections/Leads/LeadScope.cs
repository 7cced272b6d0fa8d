using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Projections.Audit;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Resources;
using Sanzi.Ledger.Units;

namespace Sanzi.Projections.Leads;

/// <summary>Money or property leaving a unit: a payment, a disposal, a new or grown liability.</summary>
public sealed record Outflow(EventFact Fact, string UnitCode, decimal Amount, string? Counterparty, Guid? ExceptionId, string What);

/// <summary>
/// The events the rules read, in log order: those of one reform's units (or of one unit outside any reform),
/// with the reform that says which unit succeeds which. Everything time-dependent (freeze, debt lock,
/// handover) is read from the events themselves, so evaluating a prefix of the log gives that moment's leads.
/// </summary>
public sealed class LeadScope
{
    private readonly Dictionary<string, Instant> _frozenAt = new();
    private readonly Dictionary<string, Instant> _lockedAt = new();
    private readonly Dictionary<string, BooksHandedOver> _handedOver = new();
    private readonly Dictionary<Guid, ExceptionApproved> _exceptions = new();
    private readonly Dictionary<Guid, ILedgerEvent> _firstEvents = new();

    public LeadScope(IEnumerable<EventFact> facts, LeadThresholds thresholds, Reform? reform = null)
    {
        Facts = facts.DistinctBy(f => f.Sequence).OrderBy(f => f.Sequence).ToList();
        Thresholds = thresholds;
        Reform = reform;
        foreach (var fact in Facts)
        {
            _firstEvents.TryAdd(fact.StreamId, fact.Event);
            switch (fact.Event)
            {
                case UnitFrozen f: _frozenAt.TryAdd(f.Code, f.FrozenAt); break;
                case DebtsLocked l: _lockedAt.TryAdd(l.UnitCode, l.Stamp.RecordedAt); break;
                case BooksHandedOver h: _handedOver.TryAdd(h.UnitCode, h); break;
                case ExceptionApproved x: _exceptions.TryAdd(x.ExceptionId, x); break;
            }
        }
    }

    public IReadOnlyList<EventFact> Facts { get; }
    public LeadThresholds Thresholds { get; }
    public Reform? Reform { get; }

    /// <summary>Leads carry the reform whose old unit they concern; a successor's own leads carry none.</summary>
    public Guid? ReformOf(string unitCode) => Reform?.Predecessors.Any(p => p.Code == unitCode) == true ? Reform.Id : null;

    public Instant? FrozenAt(string unitCode) => _frozenAt.TryGetValue(unitCode, out var at) ? at : null;
    public Instant? DebtsLockedAt(string unitCode) => _lockedAt.TryGetValue(unitCode, out var at) ? at : null;
    public BooksHandedOver? HandedOver(string unitCode) => _handedOver.GetValueOrDefault(unitCode);
    public ExceptionApproved? Exception(Guid? id) => id is { } x ? _exceptions.GetValueOrDefault(x) : null;

    /// <summary>Recorded at or after its unit's freeze: the window in which outflows need an exception (特批).</summary>
    public bool InFreezeWindow(EventFact fact) =>
        fact.UnitCode is { } unit && FrozenAt(unit) is { } frozen && fact.RecordedAt >= frozen;

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

    public IEnumerable<(EventFact Fact, T Event)> Of<T>() where T : ILedgerEvent =>
        Facts.Where(f => f.Event is T).Select(f => (f, (T)f.Event));

    public IEnumerable<Outflow> Outflows() => Facts.Select(ToOutflow).OfType<Outflow>();

    private Outflow? ToOutflow(EventFact f) => f.Event switch
    {
        PaymentRecorded p => new Outflow(f, p.UnitCode, p.Amount, p.Payee.Name, p.ExceptionId, "payment"),
        AssetDisposed d => new Outflow(f, d.UnitCode, EnteredValue(d.AssetId), d.Recipient, d.ExceptionId, "disposal"),
        DebtRecorded { Side: ItemKind.Liability } d => new Outflow(f, d.UnitCode, d.Amount, d.Counterparty, d.ExceptionId, "new liability"),
        DebtIncreased d when IsLiability(d.DebtId) =>
            new Outflow(f, d.UnitCode, d.Amount, (FirstEventOf(d.DebtId) as DebtRecorded)?.Counterparty, d.ExceptionId, "liability increase"),
        _ => null,
    };

    /// <summary>Items a unit held when it froze: entered before the freeze and not disposed of before it.</summary>
    public IEnumerable<EventFact> ItemsAtFreeze(string unitCode, Instant frozen)
    {
        var disposedBefore = Of<AssetDisposed>().Where(d => d.Fact.RecordedAt < frozen).Select(d => d.Event.AssetId).ToHashSet();
        return Facts.Where(f => f.UnitCode == unitCode && f.RecordedAt < frozen && !disposedBefore.Contains(f.StreamId)
                                && f.Event is AssetRegistered or ResourceRegistered or FundAccountOpened or DebtRecorded);
    }
}
