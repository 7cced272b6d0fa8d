namespace Sanzi.Projections.Leads;

/// <summary>A named red-flag rule: a pure function from the events of a scope to the leads they show.</summary>
public interface ILeadRule
{
    /// <summary>The rule's name in the API (<c>GET /api/leads?rule=</c>) and in each lead it finds.</summary>
    string Name { get; }

    /// <summary>The flag's Chinese name, as inspectors say it (突击花钱, 私分 ...).</summary>
    string Flag { get; }

    IEnumerable<Lead> Find(LeadScope scope);
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

    /// <summary>Every rule over the scope, each lead stamped with the reform of its unit.</summary>
    public static IReadOnlyList<Lead> Evaluate(LeadScope scope) =>
        All.SelectMany(r => r.Find(scope)).Select(l => l with { ReformId = scope.ReformOf(l.UnitCode) }).ToList();
}
