using Marten;
using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Reforms;

/// <summary>The reform office grants an exception (特批) for one movement of a frozen unit: approver, document, reason.</summary>
public sealed record ApproveException(
    string IdempotencyKey,
    string? UnitCode,
    string? Scope,
    decimal? MaxAmount,
    string? Approver,
    string? Document,
    string? Reason,
    LocalDate? BusinessDate) : ILedgerCommand<Guid, ExceptionApproved>
{
    public Rules Validate() => new Rules()
        .IdempotencyKey(IdempotencyKey)
        .DivisionCode(UnitCode, "unitCode")
        .OneOf<ExceptionScope>(Scope, "scope")
        .Amount(MaxAmount, "maxAmount")
        .Required(Approver, "approver", 100)
        .Required(Document, "document", 100)
        .Required(Reason, "reason", 500);

    public ExceptionApproved Decide(Reform? reform, Guid reformId, Guid exceptionId, Stamp stamp)
    {
        if (reform is null) throw Refused.NotFound($"Reform {reformId} is not in the ledger.");
        reform.PredecessorOf(UnitCode!);
        if (reform.Completed) throw Refused.Conflict($"Reform {reformId} is completed; no more exceptions can be granted.");
        return new ExceptionApproved(reformId, exceptionId, UnitCode!, ApiNames.Parse<ExceptionScope>(Scope!), MaxAmount!.Value,
            Approver!, Document!, Reason!, stamp);
    }

    public async Task<ExceptionApproved> Handle(IDocumentSession session, Guid reformId, Stamp stamp, CancellationToken ct)
    {
        var reform = await session.Events.FetchForWriting<Reform>(reformId, ct);
        var approved = Decide(reform.Aggregate, reformId, Guid.CreateVersion7(), stamp);
        reform.AppendOne(approved);
        return approved;
    }
}
