namespace Sanzi.Api.Hosting;

/// <summary>
/// How many API nodes share the ledger's databases. <c>Ledger:Nodes</c> unset (or <c>solo</c>): one node runs every
/// database's async projections (inspection, audit rows) in Marten's own daemon. <c>balanced</c>: any number of nodes
/// share the default database; Wolverine elects a leader among them and hands each (projection, database) pair to
/// exactly one node as an agent, moving it when a node stops.
/// </summary>
public sealed record LedgerNodes(bool Balanced)
{
    public const string Setting = "Ledger:Nodes";

    public static LedgerNodes From(IConfiguration configuration) => configuration[Setting]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "solo" => new(false),
        "balanced" => new(true),
        var other => throw new LedgerStartupException($"{Setting} is '{other}': it must be 'solo' (one node, the default) or 'balanced' (several nodes)."),
    };
}
