namespace Sanzi.Integrity.Files;

/// <summary>
/// Where uploaded documents are kept and how large one may be (section <c>Documents</c>, e.g.
/// <c>Documents__MaxBytes=52428800</c>). By default a folder <c>documents</c> in the ledger's data folder (the
/// integrity folder, beside the seal file); <c>Documents__Store=database</c> keeps them in PostgreSQL instead.
/// </summary>
public sealed class FileStoreOptions
{
    public const string Section = "Documents";

    /// <summary><c>folder</c> or <c>database</c>.</summary>
    public string Store { get; set; } = "folder";

    public string? Folder { get; set; }

    /// <summary>The largest upload accepted: 20 MiB, a multi-page scan at 300 dpi.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    public bool InDatabase => string.Equals(Store, "database", StringComparison.OrdinalIgnoreCase);

    public string FolderPath(IntegrityOptions integrity, string contentRoot) =>
        Folder is { } folder ? Path.GetFullPath(folder, contentRoot) : Path.Combine(integrity.FolderPath(contentRoot), "documents");
}
