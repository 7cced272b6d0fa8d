using Sanzi.Ledger.Common;

namespace Sanzi.Bench.Writes;

/// <summary>The benchmark acts as one clerk.</summary>
public sealed class BenchActor : IActorContext
{
    public Actor Current { get; } = new("bench-clerk", "township");

    public string? CorrelationId => null;
}
