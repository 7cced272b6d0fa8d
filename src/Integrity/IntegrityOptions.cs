namespace Sanzi.Integrity;

/// <summary>
/// Where the evidence that PostgreSQL does not hold lives: the signing key and the seal file. Both
/// default to the ledger's data folder (<c>Integrity:Folder</c>, else <c>.ledger</c> under the content root).
/// </summary>
public sealed class IntegrityOptions
{
    public const string Section = "Integrity";

    public string? Folder { get; set; }

    /// <summary>PEM of the ECDSA P-256 key that signs seals; generated on first run (mode 0600) when absent.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Append-only, one signed seal per line (NDJSON).</summary>
    public string? SealFile { get; set; }

    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(2);

    public string KeyPath(string contentRoot) => KeyFile ?? Path.Combine(FolderPath(contentRoot), "integrity.key");

    public string SealPath(string contentRoot) => SealFile ?? Path.Combine(FolderPath(contentRoot), "seals.ndjson");

    public string FolderPath(string contentRoot) => Path.GetFullPath(Folder ?? ".ledger", contentRoot);
}
