using Sanzi.Ledger.Integrity;
using Wolverine.Http;

namespace Sanzi.Api.Integrity;

public static class VerifyEndpoint
{
    /// <summary>Recomputes the hash chain and seals from the event log; <c>?stream=</c> checks one stream's chain only.</summary>
    [WolverineGet("/api/verify")]
    public static Task<VerificationReport> Get(Guid? stream, IntegrityChain chain, CancellationToken ct) => chain.VerifyAsync(stream, ct);
}
