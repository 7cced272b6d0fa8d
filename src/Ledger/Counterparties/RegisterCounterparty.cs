using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Counterparties;

/// <summary>Adds a counterparty to the county's register, or changes its kind, saying why.</summary>
public sealed record RegisterCounterparty(string IdempotencyKey, string Name, CounterpartyKind Kind, string Reason) : ILedgerCommand
{
    public LocalDate? BusinessDate => null;

    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, string? Name, CounterpartyKind? Kind, string? Reason) : ICommandRequest<RegisterCounterparty>
    {
        public RegisterCounterparty Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Required(Name, "name", 100)
                .OneOf(Kind, "kind")
                .Required(Reason, "reason", 500)
                .Check(!DocumentForm.IsPlaceholder(Reason), "reason", "must say why (not a placeholder such as 无 or 同意)")
                .ThrowIfBroken();
            return new(IdempotencyKey!, Name!.Trim(), Kind!.Value, Reason!);
        }
    }

    public CounterpartyRegistered Decide(Counterparty? current, Stamp stamp) =>
        current?.Kind == Kind
            ? throw Refused.Conflict($"{Name} is already registered as {ApiNames.Name(Kind)}.")
            : new CounterpartyRegistered(Name, Kind, Reason, stamp);
}
