using Sanzi.Ledger.Common;

namespace Sanzi.Projections.Leads;

/// <summary>What a counterparty is, as far as the payee rules care.</summary>
public enum CounterpartyKind
{
    /// <summary>Power, water, telecom (公用事业): every unit pays them, which says nothing.</summary>
    Utility,

    /// <summary>A government body (政府机关): the finance bureau, the tax office.</summary>
    Government,

    /// <summary>A bank (银行): interest, fees, loans.</summary>
    Bank,

    /// <summary>A natural person (个人), whatever the entry said: for the 私分 and loan rules.</summary>
    Individual,
}

/// <summary>One entry of the counterparty register (往来单位名录).</summary>
public sealed record CounterpartyEntry(string Name, CounterpartyKind Kind);

/// <summary>
/// The counterparty register the rules read: the county's list from configuration (<c>Leads:Counterparties</c>)
/// and the entries added since. Names compare trimmed.
/// </summary>
public sealed class CounterpartyRegister(IEnumerable<CounterpartyEntry> entries)
{
    private readonly Dictionary<string, CounterpartyKind> _kinds =
        entries.GroupBy(e => e.Name.Trim()).ToDictionary(g => g.Key, g => g.Last().Kind);

    public CounterpartyKind? KindOf(string? name) => name is not null && _kinds.TryGetValue(name.Trim(), out var kind) ? kind : null;

    /// <summary>Utilities, government bodies and banks: paid by everyone, so not a sign of anything shared.</summary>
    public bool IsPublic(string? name) => KindOf(name) is CounterpartyKind.Utility or CounterpartyKind.Government or CounterpartyKind.Bank;

    /// <summary>A person: said so by the entry, or by the register.</summary>
    public bool IsIndividual(string? name, HolderType said) =>
        KindOf(name) is { } kind ? kind == CounterpartyKind.Individual : said == HolderType.Individual;
}
