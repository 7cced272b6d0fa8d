using Marten;

namespace Sanzi.Ledger.Integrity;

/// <summary>
/// Tamper evidence (防篡改存证) for discipline inspectors (纪委监委): a SHA-256 hash chain per stream
/// over the committed event log, and seals over sequence ranges that chain into one head digest.
/// Hashes live in tables of our own beside <c>mt_events</c>; writers never touch them.
/// </summary>
public sealed class IntegrityChain(IDocumentStore store)
{
    private readonly EventRows _rows = new(store.Options.Events.DatabaseSchemaName);

    /// <summary>Seals everything committed and settled since the last seal; returns the newest seal, or null if there was nothing new.</summary>
    public async Task<ChainHead?> SealAsync(CancellationToken ct = default)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        ChainHead? newest = null;
        bool more;
        do
        {
            (var seal, more) = await Sealing.SealBatchAsync(connection, _rows, ct);
            newest = seal ?? newest;
        } while (more);
        return newest;
    }

    /// <summary>Checks the whole log, or only one stream's chain (seals span all streams and are then skipped).</summary>
    public async Task<VerificationReport> VerifyAsync(Guid? stream = null, CancellationToken ct = default)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return await Verification.RunAsync(connection, _rows, stream, ct);
    }

    /// <summary>The latest seal, or null before the first one.</summary>
    public async Task<ChainHead?> HeadAsync(CancellationToken ct = default)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return await Heads.LatestAsync(connection, _rows, ct);
    }
}
