using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Reforms;

/// <summary>The reform office grants an exception (特批) for one movement of a frozen unit: approver, document, reason.</summary>
public sealed record ApproveException(
    string IdempotencyKey,
    string UnitCode,
    ExceptionScope Scope,
    decimal MaxAmount,
    string Approver,
    string Document,
    string Reason,
    LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? UnitCode,
        ExceptionScope? Scope,
        decimal? MaxAmount,
        string? Approver,
        string? Document,
        string? Reason,
        LocalDate? BusinessDate) : ICommandRequest<ApproveException>
    {
        public ApproveException Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .DivisionCode(UnitCode, "unitCode")
                .OneOf(Scope, "scope")
                .Amount(MaxAmount, "maxAmount")
                .Required(Approver, "approver", 100)
                .Substantive(Document, "document", 100)
                .Substantive(Reason, "reason")
                .ThrowIfBroken();
            return new(IdempotencyKey!, UnitCode!, Scope!.Value, MaxAmount!.Value, Approver!, Document!, Reason!, BusinessDate);
        }
    }

    public ExceptionApproved Decide(Reform reform, Guid exceptionId, Stamp stamp)
    {
        reform.PredecessorOf(UnitCode);
        if (reform.Completed) throw Refused.Conflict($"Reform {reform.Id} is completed; no more exceptions can be granted.");
        return new ExceptionApproved(reform.Id, exceptionId, UnitCode, Scope, MaxAmount, Approver, Document, Reason, stamp);
    }
}
