using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Projections.Imports;

/// <summary>
/// Whether a bulk writer that keeps some read models itself stands in for every inline projection: each one that reacts
/// to the events it writes (or can't say which it reacts to) must publish only documents the writer keeps. Otherwise the
/// writer must take the session path, so that no read model is ever skipped when a projection is added.
/// </summary>
public static class InlineCoverage
{
    public static bool Covers(IDocumentStore store, IReadOnlyCollection<Type> events, IReadOnlyCollection<Type> kept) =>
        ((StoreOptions)store.Options).Projections.All
            .Where(p => p.Lifecycle == ProjectionLifecycle.Inline)
            .Where(p => p is not EventFilterable { IncludedEventTypes.Count: > 0 } filter || filter.IncludedEventTypes.Any(events.Contains))
            .SelectMany(p => p.PublishedTypes())
            .All(kept.Contains);
}
