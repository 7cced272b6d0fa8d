using System.Threading.RateLimiting;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Notices;
using Sanzi.Projections.Reports;
using Wolverine.Http;

namespace Sanzi.Api.Notices;

/// <summary>
/// The members' voice (成员异议): an objection raised online from the public notice page, without a login, and the
/// clerk's list of every objection with who raised it. Online objections are rate-limited per client address
/// (<c>Notices__OnlineObjectionsPerHour</c>) and carry an antiforgery token from the page.
/// </summary>
public static class ObjectionEndpoints
{
    public const string RateLimit = "online-objections";

    /// <summary>
    /// The form's fields: <c>name</c>, <c>member</c> (member number or last four digits of an ID), <c>item</c> (an item code
    /// of the notice, or empty for the notice as a whole), <c>text</c>. Recorded as the clerk's objection would be, then
    /// back to the notice page (303), which shows it as open; a refusal is a short page saying why.
    /// </summary>
    [WolverinePost("/notices/{code}/objections")]
    [EnableRateLimiting(RateLimit)]
    public static async Task<IResult> Raise(string code, HttpContext context, IAntiforgery antiforgery, IDocumentSession session, IClock clock,
        CancellationToken ct)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Refusal(code, StatusCodes.Status400BadRequest, "页面已过期，请重新打开公示页面后再提交。");
        }

        try
        {
            var form = await context.Request.ReadFormAsync(ct);
            var online = new OnlineObjection(form["name"], form["member"], form["item"], form["text"]);
            var itemId = string.IsNullOrWhiteSpace(online.ItemCode) ? null
                : (await session.Query<Item>().Where(i => i.UnitCode == code && i.ItemCode == online.ItemCode.Trim()).FirstOrDefaultAsync(ct))?.Id;
            var command = online.Validate(itemId);

            var unit = await session.Events.FetchForWriting<UnitBook>(UnitLookups.StreamIdOf(code), ct);
            if (unit.Aggregate is null) throw Refused.NotFound($"Unit {code} is not registered in the ledger.");
            var item = itemId is { } id ? await session.LoadAsync<Item>(id, ct) : null;
            var stamp = Stamps.For(command, new Actor(OnlineObjection.Actor, null), clock.GetCurrentInstant());
            session.LastModifiedBy = OnlineObjection.Actor;
            unit.AppendOne(command.Decide(unit.Aggregate, await session.ReformOfAsync(unit.Aggregate, ct), item, Guid.CreateVersion7(), stamp));
            await session.SaveChangesAsync(ct);
            return Results.Redirect($"/notices/{code}?raised=1#objections");
        }
        catch (Refused refused)
        {
            var status = refused.Kind switch
            {
                RefusalKind.Invalid => StatusCodes.Status400BadRequest,
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status409Conflict,
            };
            return Refusal(code, status, refused.Kind == RefusalKind.Invalid
                ? "请检查：" + string.Join("；", refused.Errors.Select(e => $"{FieldName(e.Key)}{string.Join("，", e.Value)}"))
                : "本公示现已不受理网上异议（" + refused.Message + "），请向公示写明的受理单位提出。");
        }
    }

    /// <summary>Every objection of the unit with who raised it and how: the clerk's worklist before the members confirm.</summary>
    [WolverineGet("/api/units/{code}/objections")]
    public static async Task<IReadOnlyList<ObjectionLine>> List(string code, IQuerySession session, CancellationToken ct)
    {
        await session.UnitAsync(code, ct);
        return await NoticeObjections.LoadAsync(session, code, ReportTime.Now, ct);
    }

    /// <summary>At most <paramref name="perHour"/> online objections an hour from one client address.</summary>
    public static IServiceCollection AddObjectionRateLimit(this IServiceCollection services, int perHour) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });

    private static string FieldName(string field) => field switch
    {
        "name" => "姓名",
        "member" => "成员编号或身份证后四位",
        "item" => "异议事项",
        "text" => "异议内容",
        _ => field,
    };

    private static IResult Refusal(string code, int status, string message) => Results.Content(
        $"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>异议未能提交</title></head>
        <body><h1>异议未能提交</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p><p><a href="/notices/{Uri.EscapeDataString(code)}">返回公示</a></p></body></html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
