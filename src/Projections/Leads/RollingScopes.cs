using Marten;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Leads;

/// <summary>
/// The inspection projection's rolling state: the scope of each reform (or lone unit) judged lately, kept in
/// memory and grown by every batch, with its rules' index (<see cref="RuleIndex"/>), so a new event costs about the
/// same in a reform of ten thousand events as in one of a million. The log is the truth and this a cache of it: a scope is read from the log again when it is
/// not held (first use, after a restart or a rebuild, beyond <see cref="LeadThresholds.HeldScopes"/>), when its
/// units change (a unit joins a reform), or when an event brings in a stream with history the scope never had
/// (an item moving in from elsewhere).
/// </summary>
public sealed class RollingScopes(LeadThresholds thresholds)
{
    private sealed record Held(IReadOnlySet<string> Units, LeadScope Scope, RuleIndex Index)
    {
        public long LastUsed { get; set; }
    }

    private readonly Dictionary<string, Held> _held = new();
    private long _upTo = -1;
    private long _uses;

    /// <summary>
    /// Every held scope takes the events judged next: <paramref name="ready"/>, the events after
    /// <paramref name="from"/> up to <paramref name="upTo"/>, in log order. Events must come without a gap; after
    /// one (a restart, a rebuild) nothing held can be trusted.
    /// </summary>
    public void Advance(IReadOnlyList<EventFact> ready, IReadOnlySet<long> streamStarts, long from, long upTo)
    {
        if (from != _upTo) _held.Clear();
        _upTo = upTo;
        foreach (var (key, held) in _held.ToList())
        {
            var mine = ready.Where(f => (f.UnitCode is { } unit && held.Units.Contains(unit)) || held.Scope.HasStream(f.StreamId)).ToList();
            var started = mine.Where(f => streamStarts.Contains(f.Sequence)).Select(f => f.StreamId).ToHashSet();
            if (mine.All(f => held.Scope.HasStream(f.StreamId) || started.Contains(f.StreamId))) held.Scope.Append(mine);
            else _held.Remove(key);
        }
    }

    /// <summary>
    /// Judges the scope with all its events up to the last <see cref="Advance"/>: only what it gained since it was
    /// last judged, or everything when it was not held (then against the leads stored as standing for its units).
    /// <paramref name="registered"/> is the counterparty register's entries added since the county's list, read once
    /// per batch; <paramref name="unsaved"/> are streams whose audit rows are not saved yet.
    /// </summary>
    public async Task<Verdict> JudgeAsync(IQuerySession session, ScopeLoader.Judged judged, IReadOnlyList<CounterpartyEntry> registered,
        IEnumerable<Guid> unsaved, CancellationToken ct)
    {
        var key = judged.Reform?.Id.ToString() ?? judged.Units.First();
        var afresh = false;
        if (_held.TryGetValue(key, out var held) && held.Units.SetEquals(judged.Units))
            afresh = held.Scope.Renew(judged.Reform, registered);
        else
        {
            var codes = judged.Units.ToArray();
            var standing = await session.Query<Lead>().Where(l => l.UnitCode.IsOneOf(codes) && l.Withdrawn == null).ToListAsync(ct);
            held = new Held(judged.Units.ToHashSet(), await ScopeLoader.LoadAsync(session, judged, thresholds, _upTo, unsaved, ct), new RuleIndex(standing));
        }
        held.LastUsed = ++_uses;
        _held[key] = held;
        if (_held.Count > thresholds.HeldScopes) _held.Remove(_held.MinBy(h => h.Value.LastUsed).Key);
        return held.Index.Judge(held.Scope, afresh);
    }
}
