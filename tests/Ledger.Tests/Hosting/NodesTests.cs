using Alba;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Api.Hosting;
using Sanzi.Tests.Support;
using Shouldly;
using Wolverine.Runtime;

namespace Sanzi.Tests.Hosting;

/// <summary>
/// Two API nodes on one database with <c>Ledger:Nodes=balanced</c>: Wolverine runs the async projections as agents,
/// each on exactly one node, so a lead written through one node is found by the inspection and read through the other.
/// </summary>
public class NodesTests
{
    [Fact]
    public async Task Two_balanced_nodes_run_each_async_projection_on_exactly_one_of_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var (first, _) = await SeparateLedger.StartAsync("nodes", (LedgerNodes.Setting, "balanced"));
        await using var a = first;
        var database = a.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Ledger"]!;
        await using var b = await AlbaHost.For<Program>(h => h.UseSetting("ConnectionStrings:Ledger", database)
            .UseSetting("Integrity:Folder", ScratchFolders.New("nodes-b-integrity"))
            .UseSetting(LedgerNodes.Setting, "balanced"));

        // A reform whose two old townships paid one payee, written through the first node.
        var (reformId, _) = await SharedPayees.WriteAsync(new LedgerApi(a));

        // The nodes elect a leader and share out the agents within a few health checks.
        var reader = new LedgerApi(b);
        var leads = new List<string>();
        for (var second = 0; second < 120 && leads.Count < 2; second++, await Task.Delay(1_000, ct))
            leads = (await reader.Get($"/api/leads?reform={reformId}")).EnumerateArray().Select(l => l.GetProperty("rule").GetString()!).ToList();
        leads.ShouldBe(["sharedPayee", "sharedPayee"]);

        var running = new[] { a, b }.Select(Projections).ToList();
        running.SelectMany(r => r).ShouldBeUnique();
        running.SelectMany(r => r).ShouldContain(u => u.ToString().Contains("inspection", StringComparison.OrdinalIgnoreCase));
    }

    private static IReadOnlyList<Uri> Projections(IAlbaHost host) =>
        host.Services.GetRequiredService<IWolverineRuntime>().Agents.AllRunningAgentUris().Where(u => u.Scheme == "event-subscriptions").ToList();
}
