using NodaTime;
using Sanzi.Ledger.Documents;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

/// <summary>What judging a scope again changed: leads new or worded differently, and leads that no longer hold.</summary>
public sealed record Verdict(IReadOnlyList<Lead> Found, IReadOnlyList<Lead> Withdrawn);

/// <summary>
/// The rules' rolling state for one scope: each rule's events filed by key (<see cref="ILeadRule.KeysOf"/>), the
/// leads each key gave when last judged, and the leads standing now. Each call judges again only the keys that
/// the scope's new events belong to, those whose events gained documents (补附件), and, when the scope's last
/// business day moved, the keys of rules that count days. An event that sets a unit's dates (a freeze, a plan, a
/// handover ...) files and judges everything afresh. Pure: the projection stores what the verdict says.
/// </summary>
public sealed class RuleIndex
{
    private static readonly IReadOnlyList<ILeadRule> Rules = LeadRules.All;
    private Dictionary<string, List<EventFact>>[] _keys = [.. Rules.Select(_ => new Dictionary<string, List<EventFact>>())];
    private readonly Dictionary<string, string[]>[] _found = [.. Rules.Select(_ => new Dictionary<string, string[]>())];
    private readonly Dictionary<string, (int Rule, string Key)> _foundBy = new();
    private readonly Dictionary<string, Lead> _current = new();
    private readonly Dictionary<string, int> _holders = new();
    private readonly List<string> _unjudged = [];
    private int _indexed;
    private LocalDate _today;

    /// <param name="standing">The leads stored as standing for the scope's units: the first judgement withdraws those it does not find again.</param>
    public RuleIndex(IEnumerable<Lead>? standing = null)
    {
        foreach (var lead in standing ?? [])
        {
            _current[lead.Id] = lead;
            _unjudged.Add(lead.Id);
        }
    }

    /// <summary>The leads standing after the last judgement.</summary>
    public IReadOnlyList<Lead> Current => [.. _current.Values];

    /// <summary>
    /// Judges what the scope gained since the last call (everything on the first call, or when
    /// <paramref name="afresh"/>: the reform or the counterparty register changed outside the scope's events).
    /// </summary>
    public Verdict Judge(LeadScope scope, bool afresh = false)
    {
        var touched = _unjudged.ToDictionary(id => id, Lead? (_) => null);
        _unjudged.Clear();
        var added = scope.Facts.Skip(_indexed).ToList();
        if (afresh || _indexed == 0 || added.Any(f => LeadRules.ChangesContext(f.Event)))
            JudgeEverything(scope, touched);
        else
        {
            var keys = Rules.Select(_ => new HashSet<string>()).ToArray();
            foreach (var fact in added)
                for (var i = 0; i < Rules.Count; i++)
                    Rules[i].AddTo(_keys[i], fact, scope, keys[i]);
            DocumentsAdded(scope, added, keys);
            if (scope.Today != _today)
                for (var i = 0; i < Rules.Count; i++)
                    if (Rules[i].ReadsToday) keys[i].UnionWith(_keys[i].Keys);
            for (var i = 0; i < Rules.Count; i++)
                foreach (var key in keys[i]) Rejudge(scope, i, key, touched);
        }
        _indexed = scope.Facts.Count;
        _today = scope.Today;
        return Settle(touched);
    }

    private void JudgeEverything(LeadScope scope, Dictionary<string, Lead?> touched)
    {
        _keys = [.. Rules.Select(r => r.Index(scope.Facts, scope))];
        for (var i = 0; i < Rules.Count; i++)
        {
            var before = _found[i].ToList();
            _found[i].Clear();
            foreach (var key in _keys[i].Keys) Rejudge(scope, i, key, touched);
            foreach (var (_, ids) in before) Release(ids, touched);
        }
    }

    /// <summary>
    /// Documents attached later change what an entry's leads show and whether it is documented: the keys of the
    /// entries they were attached to are judged again, and the keys of the leads that list those entries.
    /// </summary>
    private void DocumentsAdded(LeadScope scope, IReadOnlyList<EventFact> added, HashSet<string>[] keys)
    {
        var entries = added.Select(f => f.Event).OfType<DocumentsAttached>().Select(a => (a.StreamId, a.Entry)).ToHashSet();
        if (entries.Count == 0) return;
        var streams = entries.Select(e => e.StreamId).ToHashSet();
        var targets = scope.Facts.Where(f => streams.Contains(f.StreamId) && entries.Contains((f.StreamId, Evidence.EntryOf(f.Event, f.Sequence))))
            .ToList();
        var sequences = targets.Select(t => t.Sequence).ToHashSet();
        foreach (var target in targets)
            for (var i = 0; i < Rules.Count; i++)
                keys[i].UnionWith(Rules[i].KeysOf(target, scope).Where(_keys[i].ContainsKey));
        foreach (var lead in _current.Values.Where(l => l.Events.Any(e => sequences.Contains(e.Sequence))))
            if (_foundBy.TryGetValue(lead.Id, out var by))
                keys[by.Rule].Add(by.Key);
    }

    private void Rejudge(LeadScope scope, int rule, string key, Dictionary<string, Lead?> touched)
    {
        var facts = _keys[rule].GetValueOrDefault(key) ?? [];
        var found = Rules[rule].Judge(key, facts, scope).Select(l => l with { ReformId = scope.ReformOf(l.UnitCode) }).ToList();
        foreach (var lead in found)
        {
            _holders[lead.Id] = _holders.GetValueOrDefault(lead.Id) + 1;
            touched[lead.Id] = lead;
            _foundBy[lead.Id] = (rule, key);
        }
        if (_found[rule].Remove(key, out var before)) Release(before, touched);
        if (found.Count > 0) _found[rule][key] = [.. found.Select(l => l.Id)];
    }

    private void Release(string[] ids, Dictionary<string, Lead?> touched)
    {
        foreach (var id in ids)
        {
            _holders[id] = _holders.GetValueOrDefault(id) - 1;
            touched.TryAdd(id, null);
        }
    }

    /// <summary>A lead still found by some key stands (stored again if its wording changed); one found by none is withdrawn.</summary>
    private Verdict Settle(Dictionary<string, Lead?> touched)
    {
        List<Lead> found = [], withdrawn = [];
        foreach (var (id, lead) in touched)
        {
            if (_holders.GetValueOrDefault(id) > 0)
            {
                if (lead is null) continue;
                if (!_current.TryGetValue(id, out var was) || !Lead.SameContent(was, lead)) found.Add(lead);
                _current[id] = lead;
                continue;
            }
            _holders.Remove(id);
            _foundBy.Remove(id);
            if (_current.Remove(id, out var gone)) withdrawn.Add(gone);
        }
        return new Verdict(found, withdrawn);
    }
}
