using JasperFx.Events;
using Marten;
using Sanzi.Api.Commands;
using Microsoft.Extensions.Options;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Units;
using Wolverine.Http;
using Wolverine.Marten;

namespace Sanzi.Api.Notices;

/// <summary>Posting the verified results publicly (公示) for the reform's notice period.</summary>
public static class PublishNoticeEndpoint
{
    public static Guid UnitId(string code) => UnitLookups.StreamIdOf(code);

    [WolverinePost("/api/units/{code}/notice")]
    public static async Task<(IResult, Events)> Post(PublishNotice command, [WriteAggregate(FromMethod = nameof(UnitId))] UnitBook unit,
        Stamp stamp, IDocumentSession session, IOptions<NoticeRules> rules, CancellationToken ct)
    {
        var reform = await session.ReformOfAsync(unit, ct);
        var days = PublishNotice.Days(reform, await session.ItemsOfUnitAsync(unit.Code, ct), rules.Value);
        var published = command.Decide(unit, reform, days, Guid.CreateVersion7(), stamp);
        return (Answer.Ok(published), [published]);
    }
}

/// <summary>A member's objection (异议) to the notice.</summary>
public static class RaiseObjectionEndpoint
{
    public static Guid UnitId(string code) => UnitLookups.StreamIdOf(code);

    [WolverinePost("/api/units/{code}/objections")]
    public static async Task<(IResult, Events)> Post(RaiseObjection command, [WriteAggregate(FromMethod = nameof(UnitId))] UnitBook unit,
        Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        var item = command.ItemId is { } id ? await session.LoadAsync<Item>(id, ct) : null;
        var raised = command.Decide(unit, await session.ReformOfAsync(unit, ct), item, Guid.CreateVersion7(), stamp);
        return (Answer.Created($"/api/units/{unit.Code}/objections/{raised.ObjectionId}", raised), [raised]);
    }
}

/// <summary>
/// Settling an objection. An upheld one about an item also enters the corrected count on the item's stream,
/// so this handler appends to two streams itself.
/// </summary>
public static class ResolveObjectionEndpoint
{
    [WolverinePost("/api/units/{code}/objections/{objectionId}/resolution")]
    public static async Task<IResult> Post(ResolveObjection command, string code, Guid objectionId, Stamp stamp,
        IDocumentSession session, CancellationToken ct)
    {
        var unit = await session.Events.FetchForWriting<UnitBook>(UnitLookups.StreamIdOf(code), ct);
        if (unit.Aggregate is null) throw Refused.NotFound($"Unit {code} is not registered in the ledger.");
        var events = await session.Events.FetchStreamAsync(unit.Id, token: ct);
        var objection = events.Select(e => e.Data).OfType<ObjectionRaised>().FirstOrDefault(o => o.ObjectionId == objectionId)
                        ?? throw Refused.NotFound($"Objection {objectionId} is not one of unit {code}'s.");
        var item = objection.ItemId is { } id ? await session.LoadAsync<Item>(id, ct) : null;
        var decided = command.Decide(unit.Aggregate, objection, item, stamp);
        session.Append(decided);
        return Answer.Ok(decided[0].Event);
    }
}

/// <summary>The results confirmed: by the members (成员大会/成员代表大会), or a township's 党委会 or 政府常务会议.</summary>
public static class ConfirmResultsEndpoint
{
    public static Guid UnitId(string code) => UnitLookups.StreamIdOf(code);

    [WolverinePost("/api/units/{code}/notice/confirmation")]
    public static async Task<(IResult, Events)> Post(ConfirmResults command, [WriteAggregate(FromMethod = nameof(UnitId))] UnitBook unit,
        Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        var confirmed = command.Decide(unit, stamp, (await session.ReformOfAsync(unit, ct)).ObjectionRound);
        return (Answer.Ok(confirmed), [confirmed]);
    }
}
