using Wolverine.Http;

namespace Sanzi.Api.About;

/// <summary>What answers at this address; lets the demo (and a person) tell a running ledger from something else on the port.</summary>
public sealed record AboutLedger(string Product, string Version);

public static class AboutEndpoint
{
    public const string Product = "Sanzi Ledger";

    [WolverineGet("/api/about")]
    public static AboutLedger Get() =>
        new(Product, typeof(AboutEndpoint).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
}
