using Sanzi.Ledger.Documents;
using Sanzi.Projections.Audit;

namespace Sanzi.Projections.Documents;

/// <summary>The documents (附件) an entry carries: those its own stamp cites and those attached to it later (补附件).</summary>
public static class Attachments
{
    /// <summary>For each of <paramref name="facts"/>, its documents, counting the <see cref="DocumentsAttached"/> among them.</summary>
    public static Func<EventFact, IReadOnlyList<string>> Of(IEnumerable<EventFact> facts)
    {
        var later = facts.Where(f => f.Event is DocumentsAttached).Select(f => (DocumentsAttached)f.Event)
            .GroupBy(a => (a.StreamId, a.Entry))
            .ToDictionary(g => g.Key, g => g.SelectMany(a => a.Stamp.Documents ?? []).ToList());
        return fact => fact.Event is DocumentsAttached ? []
            : [.. fact.Stamp.Documents ?? [], .. later.GetValueOrDefault((fact.StreamId, Evidence.EntryOf(fact.Event, fact.Sequence))) ?? []];
    }

    /// <summary>A digest as people can compare it by eye: its first twelve hex digits.</summary>
    public static string Short(IEnumerable<string> digests) => string.Join("、", digests.Select(d => d[..12]));
}
