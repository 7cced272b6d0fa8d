using Marten;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Counterparties;

namespace Sanzi.Projections.Leads;

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

    public IReadOnlyList<CounterpartyEntry> Entries => _kinds.Select(k => new CounterpartyEntry(k.Key, k.Value)).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

    public CounterpartyKind? KindOf(string? name) => name is not null && _kinds.TryGetValue(name.Trim(), out var kind) ? kind : null;

    /// <summary>Utilities, government bodies and banks: paid by everyone, so not a sign of anything shared.</summary>
    public bool IsPublic(string? name) => KindOf(name) is CounterpartyKind.Utility or CounterpartyKind.Government or CounterpartyKind.Bank;

    /// <summary>A person: said so by the entry, or by the register.</summary>
    public bool IsIndividual(string? name, HolderType said) =>
        KindOf(name) is { } kind ? kind == CounterpartyKind.Individual : said == HolderType.Individual;
}

/// <summary>The entries added to the register through the API since the county's list.</summary>
public static class Registered
{
    public static async Task<IReadOnlyList<CounterpartyEntry>> LoadAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<Counterparty>().ToListAsync(ct)).Select(c => new CounterpartyEntry(c.Name, c.Kind)).ToList();
}
