namespace Sanzi.Projections.Leads;

/// <summary>A named red-flag rule: a pure function from the events of a scope to the leads they show.</summary>
public interface ILeadRule
{
    /// <summary>The rule's name in the API (<c>GET /api/leads?rule=</c>) and in each lead it finds.</summary>
    string Name { get; }

    IEnumerable<Lead> Find(LeadScope scope);
}

public static class LeadRules
{
    public static readonly IReadOnlyList<ILeadRule> All =
    [
        new OutflowInFreeze(), new ExceptedOutflow(), new BackDatedEntry(),
        new RushSpending(), new SplitPayment(),
        new LargeCashPayment(), new CashAboveLimit(),
        new DebtInflation(), new ClaimLoss(),
        new ItemNotHandedOver(), new ShortageAtCount(), new UnapprovedWriteDown(), new TransferToNonSuccessor(),
        new SharedPayee(), new PayeeIsActor(),
    ];

    public static readonly IReadOnlySet<string> Names = All.Select(r => r.Name).ToHashSet();

    /// <summary>Every rule over the scope, each lead stamped with the reform of its unit.</summary>
    public static IReadOnlyList<Lead> Evaluate(LeadScope scope) =>
        All.SelectMany(r => r.Find(scope)).Select(l => l with { ReformId = scope.ReformOf(l.UnitCode) }).ToList();
}
