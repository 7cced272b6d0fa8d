using Marten;
using Microsoft.AspNetCore.Antiforgery;
using NodaTime;
using Sanzi.Api.Reports;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Projections.Notices;
using Sanzi.Projections.Reports;
using Wolverine.Http;

namespace Sanzi.Api.Notices;

/// <summary>
/// The public notice page, without authentication: the unit's current notice, and each notice at its own stable address;
/// <c>?book=state|collective</c> for a township that keeps both books.
/// </summary>
public static class NoticePageEndpoints
{
    [WolverineGet("/notices/{code}")]
    public static Task<IResult> Current(string code, string? asOf, string? knownAt, string? book, HttpContext context, IAntiforgery antiforgery,
        IQuerySession session, IClock clock, CancellationToken ct) =>
        Page(code, null, ReportRequest.Parse(null, asOf, knownAt, clock, book), context, antiforgery, session, ct);

    [WolverineGet("/notices/{code}/{noticeId}")]
    public static Task<IResult> ById(string code, Guid noticeId, string? asOf, string? knownAt, string? book, HttpContext context,
        IAntiforgery antiforgery, IQuerySession session, IClock clock, CancellationToken ct) =>
        Page(code, noticeId, ReportRequest.Parse(null, asOf, knownAt, clock, book), context, antiforgery, session, ct);

    /// <summary>
    /// The notice, its objections without names, and, while the members have not confirmed and the reform holds an
    /// objection round, the form to raise one online (not on a page of the past: <c>asOf</c>/<c>knownAt</c>).
    /// </summary>
    private static async Task<IResult> Page(string code, Guid? noticeId, ReportRequest request, HttpContext context, IAntiforgery antiforgery,
        IQuerySession session, CancellationToken ct)
    {
        var records = await UnitRecords.LoadAsync(session, code, request.Time, ct, request.Book);
        if (noticeId is { } id && records.Unit.Notice?.NoticeId != id) throw Refused.NotFound($"Notice {id} is not one of unit {code}'s.");
        var reform = records.Unit.ReformId is { } reformId ? await session.LoadAsync<Reform>(reformId, ct) : null;
        var notice = PublicNotice.Build(records, reform);
        var objections = Objections.ForPublic(await NoticeObjections.LoadAsync(session, code, request.Time, ct), notice, records);
        var open = request.Time.IsNow && records.Unit.Confirmation is null && reform?.ObjectionRound == true;
        var form = open && antiforgery.GetAndStoreTokens(context) is { RequestToken: { } token } tokens
            ? new ObjectionForm($"/notices/{Uri.EscapeDataString(code)}/objections", tokens.FormFieldName, token, context.Request.Query.ContainsKey("raised"))
            : null;
        return Results.Content(NoticePage.Render(notice, objections, form), "text/html; charset=utf-8");
    }
}
