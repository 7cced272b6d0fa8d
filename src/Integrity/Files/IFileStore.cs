namespace Sanzi.Integrity.Files;

/// <summary>
/// The bytes of uploaded documents (scanned vouchers 凭证, approvals, resolutions 决议, contracts), kept outside the
/// event table under their SHA-256: the events hold only the digest, so the hash chain covers the document and a
/// replaced file no longer matches it. There is no delete: a digest an event cites must stay readable for ever.
/// </summary>
public interface IFileStore
{
    /// <summary>Where the files are, said in the startup line and in verify's findings.</summary>
    string Describe { get; }

    /// <summary>Stores the bytes under their digest unless something is already there; never overwrites.</summary>
    Task PutAsync(string sha256, Stream content, CancellationToken ct);

    /// <summary>The stored bytes, or null when nothing is stored under the digest.</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken ct);
}
