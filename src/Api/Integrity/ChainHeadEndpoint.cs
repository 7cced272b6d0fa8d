using Sanzi.Ledger.Common;
using Sanzi.Ledger.Integrity;
using Wolverine.Http;

namespace Sanzi.Api.Integrity;

public static class ChainHeadEndpoint
{
    /// <summary>The latest seal's hash, range and time: the digest an inspector writes down and later compares.</summary>
    [WolverineGet("/api/verify/head")]
    public static async Task<ChainHead> Get(IntegrityChain chain, CancellationToken ct) =>
        await chain.HeadAsync(ct) ?? throw Refused.NotFound("Nothing has been sealed yet.");
}
