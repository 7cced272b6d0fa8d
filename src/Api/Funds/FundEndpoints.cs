using JasperFx.Events;
using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;
using Wolverine.Http;
using Wolverine.Marten;

namespace Sanzi.Api.Funds;

/// <summary>Opening a cash or bank account (资金) in a unit's books.</summary>
public static class OpenFundAccountEndpoint
{
    [WolverinePost("/api/units/{code}/fund-accounts")]
    public static async Task<(IResult, IStartStream)> Post(OpenFundAccount command, string code, Stamp stamp, UnitBooks books,
        IDocumentSession session, HttpContext context, CancellationToken ct)
    {
        var unit = await books.ForWritingAsync(session, context, code, ct);
        var opened = command.Decide(unit, Guid.CreateVersion7(), stamp);
        return (Answer.NewItem(opened.AccountId, opened.ItemCode), MartenOps.StartStream<Item>(opened.AccountId, opened));
    }
}

/// <summary>Money in (收款).</summary>
public static class RecordReceiptEndpoint
{
    [WolverinePost("/api/fund-accounts/{id}/receipts")]
    public static async Task<(IResult, Events)> Post(RecordReceipt command, [WriteAggregate] Item account, Stamp stamp,
        IDocumentSession session, UnitBooks books, HttpContext context, CancellationToken ct)
    {
        var received = command.Decide(await books.ForWritingAsync(session, context, account, ct), account, stamp);
        return (Answer.Ok(new ItemPosition(account.Id, account.UnitCode, account.Value + received.Amount, ItemStatus.InUse)), [received]);
    }
}

/// <summary>Money out (付款), never below zero; after the freeze only under a payment exception (特批).</summary>
public static class RecordPaymentEndpoint
{
    [WolverinePost("/api/fund-accounts/{id}/payments")]
    public static async Task<(IResult, Events)> Post(RecordPayment command, [WriteAggregate] Item account, Stamp stamp,
        IDocumentSession session, UnitBooks books, HttpContext context, CancellationToken ct)
    {
        var unit = await books.ForWritingAsync(session, context, account, ct);
        var paid = command.Decide(unit, account, await session.ExceptionAsync(unit, command.ExceptionId, ct), stamp);
        return (Answer.Ok(new ItemPosition(account.Id, unit.Code, account.Value - paid.Amount, ItemStatus.InUse)), [paid]);
    }
}

/// <summary>
/// A transfer between two of the unit's own accounts (提现, 存现, between banks). The other account is fetched under
/// its version guard too, and the one event goes on both streams.
/// </summary>
public static class MoveFundsBetweenAccountsEndpoint
{
    [WolverinePost("/api/fund-accounts/{id}/transfers")]
    public static async Task<(IResult, Events)> Post(MoveFundsBetweenAccounts command, [WriteAggregate] Item account, Stamp stamp,
        IDocumentSession session, UnitBooks books, HttpContext context, CancellationToken ct)
    {
        var other = await session.Events.FetchForWriting<Item>(command.ToAccountId, ct);
        var moved = command.Decide(await books.ForWritingAsync(session, context, account, ct), account, other.Aggregate, stamp);
        other.AppendOne(moved);
        return (Answer.Ok(new AccountTransfer(new ItemPosition(account.Id, account.UnitCode, account.Value - moved.Amount, ItemStatus.InUse),
            new ItemPosition(other.Aggregate!.Id, account.UnitCode, other.Aggregate.Value + moved.Amount, ItemStatus.InUse))), [moved]);
    }
}

/// <summary>The answer to a transfer between accounts: both balances after it.</summary>
public sealed record AccountTransfer(ItemPosition From, ItemPosition To);
