namespace Sanzi.Api.Identity;

/// <summary>
/// The roles a token carries. A caller without a token has none and sees only the public notice pages.
/// </summary>
public static class Roles
{
    /// <summary>The county's reform office (县区划调整办公室): declares reforms, records resolutions, freezes, locks debts, grants exceptions.</summary>
    public const string ReformOffice = "reform-office";

    /// <summary>A township's clerk (乡镇三资会计): records the books of the units its token names and of their villages.</summary>
    public const string TownshipClerk = "township-clerk";

    /// <summary>The county finance bureau's auditor (财政审计): reads everything, reconciles, may supervise a handover.</summary>
    public const string FinanceAuditor = "finance-auditor";

    /// <summary>The discipline inspector (纪检监察): reads everything, the audit trail, the leads, the traces and the verification.</summary>
    public const string Inspector = "inspector";

    public static readonly IReadOnlyList<string> All = [ReformOffice, TownshipClerk, FinanceAuditor, Inspector];
}

/// <summary>The claims of a ledger token and the issuer/audience it is checked against.</summary>
public static class LedgerClaims
{
    public const string Issuer = "sanzi-ledger";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>One claim per division code the person may write; a code also covers every code under it (a township its villages).</summary>
    public const string Unit = "unit";

    /// <summary>The county (or city) whose database the person works in, when the ledger keeps a database per county; none means the default database.</summary>
    public const string Tenant = "tenant";
}
