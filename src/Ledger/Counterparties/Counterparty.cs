using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Counterparties;

/// <summary>One entry of the counterparty register, a stream per name (<see cref="StreamOf"/>): its latest kind wins.</summary>
public sealed record Counterparty(Guid Id, string Name, CounterpartyKind Kind)
{
    public static Guid StreamOf(string name) => StreamIds.NameBased("counterparty/" + name.Trim());

    public static Counterparty Create(CounterpartyRegistered e) => new(StreamOf(e.Name), e.Name, e.Kind);

    public Counterparty Apply(CounterpartyRegistered e) => this with { Kind = e.Kind };
}
