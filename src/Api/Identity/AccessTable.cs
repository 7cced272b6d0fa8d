using static Sanzi.Api.Identity.Roles;

namespace Sanzi.Api.Identity;

/// <summary>Which units an endpoint touches, and so which units a township clerk's token must cover to use it.</summary>
public enum Scope
{
    /// <summary>County business: no unit of its own; only county-wide roles are listed for it.</summary>
    County,
    /// <summary>The unit named by <c>{code}</c>.</summary>
    Unit,
    /// <summary>The unit whose books hold the item, account, debt or resource <c>{id}</c>.</summary>
    Item,
    /// <summary>Any old or new unit of the reform <c>{id}</c>.</summary>
    Reform,
    /// <summary>The old unit <c>{code}</c> or the successor its reform names (the receiving party signs from there).</summary>
    UnitOrSuccessor,
    /// <summary>Anyone, without a token.</summary>
    Public,
}

/// <summary>One endpoint: the roles that may call it and how a clerk's units are checked.</summary>
public sealed record Access(string Method, string Route, string Family, Scope Scope, IReadOnlyList<string> Roles);

/// <summary>
/// Who may call what: every endpoint of the ledger, with its family, roles and unit scope. Enforced in one place,
/// <see cref="AccessGate"/>, before any handler runs; an <c>/api</c> endpoint missing here is refused to everyone.
/// </summary>
public static class AccessTable
{
    private static readonly string[] Office = [ReformOffice];
    private static readonly string[] Clerk = [TownshipClerk];
    private static readonly string[] Everyone = [TownshipClerk, ReformOffice, FinanceAuditor, Inspector];
    private static readonly string[] Signers = [TownshipClerk, FinanceAuditor];
    private static readonly string[] Reconcilers = [FinanceAuditor, ReformOffice, Inspector];
    private static readonly string[] Auditors = [Inspector, FinanceAuditor];
    private static readonly string[] Inspectors = [Inspector];

    public static readonly IReadOnlyList<Access> Rows =
    [
        // 调整方案: the county declares, records the four meetings, freezes, grants exceptions and locks debts.
        new("POST", "/api/reforms", "reform", Scope.County, Office),
        new("POST", "/api/reforms/{id}/resolutions", "reform", Scope.County, Office),
        new("POST", "/api/reforms/{id}/exceptions", "reform", Scope.County, Office),
        new("POST", "/api/reforms/{id}/freeze", "reform", Scope.County, Office),
        // 行政区划代码变更: villages moving to the new township are the county's business.
        new("POST", "/api/reforms/{id}/code-changes", "reform", Scope.County, Office),
        new("POST", "/api/units/{code}/debt-lock", "reform", Scope.County, Office),

        // A unit's books, written by its clerk: items, counts, notice, objections, the handover register.
        new("POST", "/api/units/{code}/assets", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/resources", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/fund-accounts", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/debts", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/inventory/surplus", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/inventory/close", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/notice", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/objections", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/objections/{objectionId}/resolution", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/notice/confirmation", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/handover", "books", Scope.Unit, Clerk),
        new("POST", "/api/units/{code}/imports", "books", Scope.Unit, Clerk),
        new("POST", "/api/assets/{id}/disposal", "books", Scope.Item, Clerk),
        new("POST", "/api/resources/{id}/contracts", "books", Scope.Item, Clerk),
        new("POST", "/api/fund-accounts/{id}/receipts", "books", Scope.Item, Clerk),
        new("POST", "/api/fund-accounts/{id}/payments", "books", Scope.Item, Clerk),
        new("POST", "/api/fund-accounts/{id}/transfers", "books", Scope.Item, Clerk),
        new("POST", "/api/debts/{id}/increases", "books", Scope.Item, Clerk),
        new("POST", "/api/debts/{id}/reductions", "books", Scope.Item, Clerk),
        new("POST", "/api/items/{id}/count", "books", Scope.Item, Clerk),

        // 附件: uploaded by whoever writes the entry that cites them, read by every role that reads books.
        new("POST", "/api/documents", "books", Scope.County, [TownshipClerk, ReformOffice]),
        new("GET", "/api/documents/{sha256}", "read", Scope.County, Everyone),
        new("GET", "/api/documents/{sha256}/content", "read", Scope.County, Everyone),
        new("GET", "/api/documents/{sha256}/preview", "read", Scope.County, Everyone),
        new("GET", "/api/units/{code}/documents.zip", "read", Scope.Unit, Everyone),
        // 补附件: the documents of an entry that came after it, attached by whoever wrote the entry.
        new("POST", "/api/reforms/{id}/exceptions/{exceptionId}/documents", "reform", Scope.County, Office),
        new("POST", "/api/items/{id}/documents", "books", Scope.Item, Clerk),

        // 移交人/接收人 are clerks of the old and new unit, 监交人 may be the finance auditor; the register names each.
        new("POST", "/api/units/{code}/handover/signatures", "signature", Scope.UnitOrSuccessor, Signers),

        // Reading books: the county roles read all, a clerk its own units.
        // The list of reforms and their units' stages (the screens' first page); no books in it.
        new("GET", "/api/reforms", "read", Scope.County, Everyone),
        new("GET", "/api/reforms/{id}", "read", Scope.Reform, Everyone),
        new("GET", "/api/units/{code}", "read", Scope.Unit, Everyone),
        new("GET", "/api/units/{code}/assets", "read", Scope.Unit, Everyone),
        new("GET", "/api/units/{code}/catalog", "read", Scope.Unit, Everyone),
        new("GET", "/api/units/{code}/summary", "read", Scope.Unit, Everyone),
        new("GET", "/api/units/{code}/debts", "read", Scope.Unit, Everyone),
        new("GET", "/api/units/{code}/handover", "read", Scope.Unit, Everyone),
        new("GET", "/api/units/{code}/objections", "read", Scope.Unit, Everyone),
        // 合同提醒: contracts running out and rent in arrears, per unit and per reform.
        new("GET", "/api/units/{code}/contracts", "read", Scope.Unit, Everyone),
        new("GET", "/api/reforms/{id}/contracts", "read", Scope.Reform, Everyone),
        new("GET", "/api/items/{id}", "read", Scope.Item, Everyone),
        new("GET", "/api/items/{id}/history", "read", Scope.Item, Everyone),
        new("GET", "/api/imports/templates/{table}", "read", Scope.County, Everyone),

        // For the finance bureau: old against new, county-wide.
        new("GET", "/api/reforms/{id}/reconciliation", "reconciliation", Scope.County, Reconcilers),

        // For inspectors and auditors: who did what, where money went, whether the log was tampered with.
        new("GET", "/api/audit", "inspection", Scope.County, Auditors),
        new("GET", "/api/trace/items/{id}", "inspection", Scope.County, Auditors),
        new("GET", "/api/trace/counterparties/{name}", "inspection", Scope.County, Auditors),
        new("GET", "/api/verify", "inspection", Scope.County, Auditors),
        new("GET", "/api/verify/head", "inspection", Scope.County, Auditors),
        new("GET", "/api/verify/consistency", "inspection", Scope.County, Auditors),
        new("GET", "/api/verify/key", "inspection", Scope.County, Auditors),
        new("GET", "/api/leads", "leads", Scope.County, Inspectors),
        new("GET", "/api/leads/{id}", "leads", Scope.County, Inspectors),
        new("POST", "/api/leads/{id}/annotations", "leads", Scope.County, Inspectors),
        new("GET", "/api/reforms/{id}/exception-uses", "inspection", Scope.County, Auditors),
        new("GET", "/api/counterparties", "inspection", Scope.County, Auditors),
        // The county's counterparty register (往来单位名录): kept by the reform office, read by the payee rules.
        new("POST", "/api/counterparties", "reform", Scope.County, Office),

        // What answers at this address (the demo asks before it starts a ledger of its own).
        new("GET", "/api/about", "public", Scope.Public, []),

        // The API reference (Scalar) and its assets: they describe the API and hold no data.
        new("GET", "/api/docs/{documentName?}", "public", Scope.Public, []),
        new("GET", "/api/docs/scalar.js", "public", Scope.Public, []),
        new("GET", "/api/docs/scalar.aspnetcore.js", "public", Scope.Public, []),
        new("GET", "/api/docs/favicon.svg", "public", Scope.Public, []),

        // 公示: posted for every member to read.
        new("GET", "/notices/{code}", "public", Scope.Public, []),
        new("GET", "/notices/{code}/{noticeId}", "public", Scope.Public, []),
        // 网上异议: a member raises an objection from the notice page, without a token (rate-limited, antiforgery).
        new("POST", "/notices/{code}/objections", "public", Scope.Public, []),
    ];

    private static readonly Dictionary<(string, string), Access> ByRoute =
        Rows.ToDictionary(r => (r.Method, r.Route));

    /// <summary>The row of a route template as ASP.NET routing spells it (with or without the leading slash).</summary>
    public static Access? Find(string method, string? routeTemplate) =>
        routeTemplate is null ? null : ByRoute.GetValueOrDefault((method, "/" + routeTemplate.TrimStart('/')));

    /// <summary>The row whose template a concrete path fits, e.g. <c>/api/units/360702101/assets</c>.</summary>
    public static Access? Match(string method, string path)
    {
        var segments = path.Split('?')[0].Trim('/').Split('/');
        return Rows.FirstOrDefault(r => r.Method == method && Fits(r.Route.Trim('/').Split('/'), segments));
    }

    private static bool Fits(string[] template, string[] segments) =>
        template.Length == segments.Length &&
        template.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second);
}
