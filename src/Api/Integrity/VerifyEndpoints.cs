using System.Text.Json;
using Sanzi.Api.Hosting;
using Sanzi.Integrity;
using Sanzi.Ledger.Common;
using Wolverine.Http;

namespace Sanzi.Api.Integrity;

public static class VerifyEndpoints
{
    /// <summary>
    /// Recomputes the chain, the seals and the replayed documents, streamed as NDJSON (one finding per
    /// line: progress, problem, note, and a summary last), so a long check never holds a silent request.
    /// A token naming a county (tenant) checks that county's database, its chain and its seal file.
    /// </summary>
    [WolverineGet("/api/verify")]
    public static async Task Verify(IntegrityChain chain, LedgerTenants tenants, HttpResponse response, CancellationToken ct)
    {
        response.ContentType = "application/x-ndjson; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        await foreach (var finding in chain.VerifyAsync(ct, tenants.TenantOf(response.HttpContext)))
        {
            await JsonSerializer.SerializeAsync(response.Body, finding, LedgerJson.Answers, ct);
            await response.Body.WriteAsync("\n"u8.ToArray(), ct);
            if (finding is not Progress and not Note) await response.Body.FlushAsync(ct);
        }
    }

    /// <summary>The latest seal: the digest an inspector writes down and later checks with <c>/api/verify/consistency</c>.</summary>
    [WolverineGet("/api/verify/head")]
    public static async Task<Seal> Head(IntegrityChain chain, LedgerTenants tenants, HttpContext context, CancellationToken ct) =>
        await chain.HeadAsync(ct, tenants.TenantOf(context)) ?? throw Refused.NotFound("Nothing has been sealed yet.");

    /// <summary>Whether a head written down earlier is a prefix of today's log, or where it diverges.</summary>
    [WolverineGet("/api/verify/consistency")]
    public static async Task<Consistency> Consistency(string? head, IntegrityChain chain, LedgerTenants tenants, HttpContext context, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(head)
            ? throw Refused.Invalid("head", "must be the hash of a seal, as /api/verify/head gave it")
            : await chain.ConsistencyAsync(head.Trim().ToLowerInvariant(), ct, tenants.TenantOf(context));

    /// <summary>The public half of the seal-signing key (PEM), to check seal signatures without the ledger.</summary>
    [WolverineGet("/api/verify/key")]
    public static string Key(IntegrityChain chain) => chain.PublicKeyPem;
}
