using JasperFx.Events;
using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Wolverine.Http;
using Wolverine.Marten;

namespace Sanzi.Api.Debts;

/// <summary>Entering a claim (债权) or liability (债务) against one counterparty.</summary>
public static class RecordDebtEndpoint
{
    [WolverinePost("/api/units/{code}/debts")]
    public static async Task<(IResult, IStartStream)> Post(RecordDebt command, string code, Stamp stamp, UnitBooks books,
        IDocumentSession session, HttpContext context, CancellationToken ct)
    {
        var unit = await books.ForWritingAsync(session, context, code, ct);
        var exception = await session.ExceptionAsync(unit, command.ExceptionId, ct);
        var recorded = command.Decide(unit, exception, Guid.CreateVersion7(), stamp);
        return (Answer.NewItem(recorded.DebtId, recorded.ItemCode), MartenOps.StartStream<Item>(recorded.DebtId, recorded));
    }
}

/// <summary>A balance grows; a liability after the freeze or the lock only under an exception.</summary>
public static class IncreaseDebtEndpoint
{
    [WolverinePost("/api/debts/{id}/increases")]
    public static async Task<(IResult, Events)> Post(IncreaseDebt command, [WriteAggregate] Item debt, Stamp stamp,
        IDocumentSession session, UnitBooks books, HttpContext context, CancellationToken ct)
    {
        var unit = await books.ForWritingAsync(session, context, debt, ct);
        var increased = command.Decide(unit, debt, await session.ExceptionAsync(unit, command.ExceptionId, ct), stamp);
        return (Answer.Ok(new ItemPosition(debt.Id, unit.Code, debt.Value + increased.Amount, ItemStatus.InUse)), [increased]);
    }
}

/// <summary>A balance goes down: collection, repayment or approved write-off (核销).</summary>
public static class ReduceDebtEndpoint
{
    [WolverinePost("/api/debts/{id}/reductions")]
    public static async Task<(IResult, Events)> Post(ReduceDebt command, [WriteAggregate] Item debt, Stamp stamp,
        IDocumentSession session, UnitBooks books, HttpContext context, CancellationToken ct)
    {
        var reduced = command.Decide(await books.ForWritingAsync(session, context, debt, ct), debt, stamp);
        return (Answer.Ok(new ItemPosition(debt.Id, debt.UnitCode, debt.Value - reduced.Amount, ItemStatus.InUse)), [reduced]);
    }
}

/// <summary>Locking every claim and liability balance of a frozen unit (锁定债务余额).</summary>
public static class LockDebtsEndpoint
{
    public static Guid UnitId(string code) => UnitLookups.StreamIdOf(code);

    [WolverinePost("/api/units/{code}/debt-lock")]
    public static async Task<(IResult, Events)> Post(LockDebts command, [WriteAggregate(FromMethod = nameof(UnitId))] UnitBook unit,
        Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        var locked = command.Decide(unit, await session.ItemsOfUnitAsync(unit.Code, ct), stamp);
        return (Answer.Ok(locked), [locked]);
    }
}
