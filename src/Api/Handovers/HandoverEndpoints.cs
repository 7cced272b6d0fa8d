using JasperFx.Events;
using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Handovers;
using Wolverine.Http;
using Wolverine.Marten;

namespace Sanzi.Api.Handovers;

/// <summary>Drawing up the handover register (移交清册) from the confirmed books.</summary>
public static class DraftHandoverEndpoint
{
    public static Guid UnitId(string code) => UnitLookups.StreamIdOf(code);

    [WolverinePost("/api/units/{code}/handover")]
    public static async Task<(IResult, Events)> Post(DraftHandover command, [WriteAggregate(FromMethod = nameof(UnitId))] UnitBook unit,
        Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        var drafted = command.Decide(unit, await session.ReformOfAsync(unit, ct), await session.ItemsOfUnitAsync(unit.Code, ct),
            Guid.CreateVersion7(), stamp);
        return (Answer.Ok(drafted), [drafted]);
    }
}

/// <summary>
/// One party signs; the third signature moves every item, closes the old books, opens the successor's and
/// may complete the reform, so this handler fetches and appends to all those streams itself.
/// </summary>
public static class SignHandoverEndpoint
{
    [WolverinePost("/api/units/{code}/handover/signatures")]
    public static async Task<IResult> Post(SignHandover command, string code, Stamp stamp, IDocumentSession session, BulkTransfers bulk,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<UnitBook>(UnitLookups.StreamIdOf(code), ct);
        var unit = stream.Aggregate ?? throw Refused.NotFound($"Unit {code} is not registered in the ledger.");
        var reform = await session.ReformOfAsync(unit, ct);
        var successorCode = reform.PredecessorOf(code).SuccessorCode;
        var others = new List<UnitBook>();
        foreach (var p in reform.Predecessors.Where(p => p.Code != code))
            others.Add(await session.UnitAsync(p.Code, ct));
        var successor = (await session.Events.FetchForWriting<UnitBook>(StreamIds.ForUnit(successorCode), ct)).Aggregate!;
        if (others.All(o => o.IsClosed)) await session.Events.FetchForWriting<Reform>(reform.Id, ct);

        var holdings = bulk.Covers ? await bulk.ReadAsync(session, code, ct) : null;
        var items = holdings?.Items ?? await session.ItemsOfUnitAsync(code, ct);
        var events = command.Decide(new SignHandover.Books(unit, successor, reform, others, items), stamp);
        var transfers = events.Select(e => e.Event).OfType<ItemTransferred>().ToList();
        if (transfers.Count > 0 && holdings is not null)
        {
            session.Append(events.Where(e => e.Event is not ItemTransferred));
            bulk.Enlist(session, holdings, transfers);
        }
        else session.Append(events);
        var closed = events.Select(e => e.Event).OfType<BooksHandedOver>().SingleOrDefault();
        return Answer.Ok(new HandoverSigning(code, command.Role, stamp.Actor, closed is not null, closed?.ItemCount ?? 0,
            events.Any(e => e.Event is ReformCompleted)));
    }
}
