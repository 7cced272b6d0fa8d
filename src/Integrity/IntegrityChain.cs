using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Marten;
using Marten.Storage;
using Npgsql;
using Sanzi.Integrity.Files;

namespace Sanzi.Integrity;

/// <summary>
/// Tamper evidence (防篡改存证) for discipline inspectors (纪委监委): every event hashed by its writer
/// into a chain per stream, seals over sequence ranges signed with a key the database does not hold
/// and kept in a file outside it, and the documents decisions read replayed from their events.
/// With a database per county (Marten tenants), each county's database is a log of its own: its own chain, seal
/// table and seal file (<c>seals-{county}.ndjson</c> beside the default's); <c>tenant</c> null is the default database.
/// </summary>
public sealed class IntegrityChain(IDocumentStore store, IntegrityKeys keys, SealFile file, DocumentReplay documents, StoredFileCheck files)
{
    private readonly Tables _tables = new(store.Options.Events.DatabaseSchemaName);
    private readonly ConcurrentDictionary<string, SealFile> _tenantFiles = new();

    public string PublicKeyPem => keys.PublicKeyPem;

    /// <summary>Seals everything committed and settled since the last seal; returns the newest seal, or null if there was nothing new.</summary>
    public async Task<Seal?> SealAsync(CancellationToken ct = default, string? tenant = null)
    {
        var sealFile = FileOf(tenant);
        await using var connection = (await DatabaseAsync(tenant)).CreateConnection();
        await connection.OpenAsync(ct);
        // One sealer at a time, across processes too: two that read the same last seal would each chain a seal onto it.
        await Execute(connection, $"select pg_advisory_lock({SealingLock})", ct);
        try
        {
            Seal? newest = null;
            bool more;
            do
            {
                (var seal, more) = await Sealing.SealBatchAsync(connection, _tables, keys, sealFile, ct);
                newest = seal ?? newest;
            } while (more);
            return newest;
        }
        finally
        {
            await Execute(connection, $"select pg_advisory_unlock({SealingLock})", CancellationToken.None);
        }
    }

    /// <summary>The advisory lock key that sealers of one database share.</summary>
    private const long SealingLock = 0x5EA1_1ED6E5;

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The whole check, streamed: the seals, every event, the documents, then the stored files events cite; a summary last.</summary>
    public async IAsyncEnumerable<Finding> VerifyAsync([EnumeratorCancellation] CancellationToken ct = default, string? tenant = null)
    {
        long problems = 0;
        var database = await DatabaseAsync(tenant);
        var events = new Verification(database.CreateConnection, _tables, keys);
        var replay = documents.Start(store, tenant);
        await foreach (var finding in events.RunAsync(FileOf(tenant).ReadAll(), null, replay, ct))
        {
            if (finding is Problem) problems++;
            yield return finding;
        }
        await foreach (var finding in files.RunAsync(events.CitedDocuments, ct))
        {
            if (finding is Problem) problems++;
            yield return finding;
        }
        yield return new Summary(problems == 0, events.EventsChecked, events.SealedThrough, events.Unsealed, events.Tombstones,
            replay.DocumentsChecked, files.FilesChecked, problems, events.Chain.LastOrDefault());
    }

    /// <summary>
    /// Whether a head written down earlier is a prefix of today's log: it must be a seal the ledger
    /// signed, every seal since must follow it, and nothing it covers may have changed.
    /// </summary>
    public async Task<Consistency> ConsistencyAsync(string head, CancellationToken ct = default, string? tenant = null)
    {
        var database = await DatabaseAsync(tenant);
        var (chain, sealProblems) = await SealsAsync(database, FileOf(tenant), ct);
        var latest = chain.LastOrDefault();
        var index = chain.FindIndex(s => s.Hash == head);
        if (index < 0)
            return new Consistency(false, null, latest, null,
                "this head is not a seal of this ledger: neither the seal table nor the seal file holds one the ledger signed with this hash");

        var old = chain[index];
        var events = new Verification(database.CreateConnection, _tables, keys);
        await foreach (var finding in events.RunAsync(FileOf(tenant).ReadAll(), old.ToSeq, null, ct))
            if (finding is Problem p && (p.SeqId ?? 0) <= old.ToSeq)
                return new Consistency(false, old, latest, p.SeqId, $"the log this head sealed has changed: {p.Kind} at {p.SeqId}: {p.Detail}");
        if (sealProblems.FirstOrDefault(p => p.SeqId > old.ToSeq) is { } broken)
            return new Consistency(false, old, latest, broken.SeqId, broken.Detail);
        return new Consistency(true, old, latest, null,
            $"events 1..{old.ToSeq} are unchanged and {chain.Count - 1 - index} later seal(s) follow this head to the latest");
    }

    /// <summary>The latest seal the ledger signed, from the table or the seal file, whichever is further along; null before the first.</summary>
    public async Task<Seal?> HeadAsync(CancellationToken ct = default, string? tenant = null)
    {
        await using var connection = (await DatabaseAsync(tenant)).CreateConnection();
        await connection.OpenAsync(ct);
        var stored = await SealRows.LatestAsync(connection, _tables, ct);
        return new[] { stored, FileOf(tenant).Last }.OfType<Seal>().Where(s => s.HashesItself && keys.Signed(s.Hash, s.Signature))
            .MaxBy(s => s.ToSeq);
    }

    private async Task<(List<Seal> Chain, List<Problem> Problems)> SealsAsync(IMartenDatabase database, SealFile sealFile, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        List<Seal>? stored;
        try
        {
            stored = await SealRows.ReadAllAsync(connection, _tables, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            stored = null;
        }
        var (chain, problems) = SealCheck.Run(sealFile.ReadAll(), stored, keys);
        if (stored is null) problems.Insert(0, new Problem(ProblemKind.SealBroken, null, null, null, $"the table {_tables.Seals} is gone"));
        return (chain, problems);
    }

    /// <summary>The default database (null) and every county's in order of their codes: what the sealer seals and verify checks.</summary>
    public async Task<IReadOnlyList<string?>> TenantsAsync()
    {
        var fallback = store.Storage.Database;
        var all = await store.Storage.AllDatabases();
        // A static database-per-tenant names each database by its tenant id; Identifier is the only accessor of that name.
#pragma warning disable CS0618
        return all.Where(d => d.Id != fallback.Id).Select(string? (d) => d.Identifier).Order(StringComparer.Ordinal).Prepend(null).ToList();
#pragma warning restore CS0618
    }

    private async ValueTask<IMartenDatabase> DatabaseAsync(string? tenant) =>
        tenant is null ? store.Storage.Database : await store.Storage.FindOrCreateDatabase(tenant);

    /// <summary>A county's seal file beside the default's, named after the county: one file per log.</summary>
    private SealFile FileOf(string? tenant) =>
        tenant is null
            ? file
            : _tenantFiles.GetOrAdd(tenant, t => new SealFile(Path.Combine(Path.GetDirectoryName(file.Path)!,
                $"{Path.GetFileNameWithoutExtension(file.Path)}-{t}{Path.GetExtension(file.Path)}")));
}

/// <summary>The answer to "is the head I wrote down a prefix of today's log?"</summary>
/// <param name="DivergesAt">The sequence number (or seal start) where today's log first differs from what the head sealed.</param>
public sealed record Consistency(bool Consistent, Seal? Head, Seal? Latest, long? DivergesAt, string Detail);
