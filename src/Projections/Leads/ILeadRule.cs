using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

/// <summary>
/// A named red-flag rule, as pure functions: which keys (payee, person, account, land type ...) an event belongs
/// to, and the leads of one key's events. The inspection projection keeps a scope's events indexed by key and
/// judges again only the keys a batch touched (<see cref="RuleIndex"/>), so a new event costs the same in a
/// reform of any size. <see cref="KeysOf"/> may read the scope's dates (freeze, lock, plan, handover, reports):
/// the events that set them (<see cref="LeadRules.ChangesContext"/>) make every rule index and judge afresh.
/// </summary>
public interface ILeadRule
{
    /// <summary>The rule's name in the API (<c>GET /api/leads?rule=</c>) and in each lead it finds.</summary>
    string Name { get; }

    /// <summary>The flag's Chinese name, as inspectors say it (突击花钱, 私分 ...).</summary>
    string Flag { get; }

    /// <summary>The keys whose events are judged together with this one; none when the event can't bear on the rule.</summary>
    IEnumerable<string> KeysOf(EventFact fact, LeadScope scope);

    /// <summary>The leads of one key, given its events in log order.</summary>
    IEnumerable<Lead> Judge(string key, IReadOnlyList<EventFact> facts, LeadScope scope);

    /// <summary>Whether the rule counts days up to the scope's last business day (rent due, receipts to bank), so it is judged again as that day moves.</summary>
    bool ReadsToday => false;
}

public static class LeadRules
{
    public static readonly IReadOnlyList<ILeadRule> All =
    [
        new OutflowInFreeze(), new ExceptedOutflow(), new BackDatedEntry(),
        new RushSpending(), new Hospitality(), new RushHiring(), new PayRise(), new Bonus(),
        new SplitPayment(), new LargeCashPayment(), new CashAboveLimit(),
        new DividingAssets(), new ReceiptsNotBanked(), new IousForCash(), new PrivateAccount(),
        new OffBookIncome(), new CheapLease(), new LoanToOutsider(),
        new DebtInflation(), new ClaimLoss(),
        new ItemNotHandedOver(), new ShortageAtCount(), new UnapprovedWriteDown(), new TransferToNonSuccessor(),
        new DisposalWithoutResolution(), new ApprovalAfterPayment(), new MissingOrExtraEntry(),
        new SharedPayee(), new PayeeIsActor(),
        new UndocumentedEntry(), new ResolutionClaimedTwice(), new RentInArrears(),
    ];

    public static readonly IReadOnlySet<string> Names = All.Select(r => r.Name).ToHashSet();

    /// <summary>Every rule over the whole scope, each lead once, stamped with the reform of its unit.</summary>
    public static IReadOnlyList<Lead> Evaluate(LeadScope scope)
    {
        var index = new RuleIndex();
        index.Judge(scope);
        return index.Current;
    }

    /// <summary>The events of one type among <paramref name="facts"/>, each with its fact.</summary>
    public static IEnumerable<(EventFact Fact, T Event)> Of<T>(this IEnumerable<EventFact> facts) where T : ILedgerEvent =>
        facts.Where(f => f.Event is T).Select(f => (f, (T)f.Event));

    /// <summary>One rule over the whole scope: its events grouped by key, each key judged.</summary>
    public static IEnumerable<Lead> Find(this ILeadRule rule, LeadScope scope) =>
        rule.Index(scope.Facts, scope).SelectMany(k => rule.Judge(k.Key, k.Value, scope));

    /// <summary>The rule's keys over <paramref name="facts"/>, each with its events in log order, in the order keys first appear.</summary>
    public static Dictionary<string, List<EventFact>> Index(this ILeadRule rule, IEnumerable<EventFact> facts, LeadScope scope)
    {
        var keys = new Dictionary<string, List<EventFact>>();
        foreach (var fact in facts) rule.AddTo(keys, fact, scope);
        return keys;
    }

    /// <summary>
    /// Files one event under each of the rule's keys it belongs to, once, adding those keys to <paramref name="added"/> if
    /// given (no list of its own per event and rule: a bulk import's thousands of events pass every rule).
    /// </summary>
    public static void AddTo(this ILeadRule rule, Dictionary<string, List<EventFact>> keys, EventFact fact, LeadScope scope, ISet<string>? added = null)
    {
        foreach (var key in rule.KeysOf(fact, scope))
        {
            if (!keys.TryGetValue(key, out var facts)) keys[key] = facts = [];
            if (facts.Count > 0 && facts[^1].Sequence == fact.Sequence) continue;
            facts.Add(fact);
            added?.Add(key);
        }
    }

    /// <summary>
    /// Events that set what rules read across keys: a unit's name, plan, freeze, debt lock, handover and the
    /// reports that showed its books, an exception, an upheld objection. Rare (a few per unit and reform), so
    /// after one every rule indexes and judges its scope afresh rather than tracking what each one moves.
    /// </summary>
    public static bool ChangesContext(ILedgerEvent e) => e is UnitRegistered or UnitJoinedReform or UnitFrozen or DebtsLocked
        or BooksHandedOver or HandoverDrafted or ExceptionApproved or InventoryClosed or NoticePublished or MembersConfirmed or ObjectionResolved;
}
