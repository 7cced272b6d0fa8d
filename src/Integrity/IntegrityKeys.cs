using System.Security.Cryptography;
using System.Text;

namespace Sanzi.Integrity;

/// <summary>
/// The ledger's keys, which the database never sees: an ECDSA P-256 key that signs seals (anyone with
/// the public key can check a seal), and an HMAC key derived from it that marks each event hash as the
/// writer's, so that a hash computed by someone with SQL access alone does not pass.
/// </summary>
public sealed class IntegrityKeys : IDisposable
{
    private readonly ECDsa _key;

    private IntegrityKeys(ECDsa key)
    {
        _key = key;
        MacKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ExportParameters(true).D!, HashChain.Size, info: "sanzi-event-mac"u8.ToArray());
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
    }

    public byte[] MacKey { get; }

    /// <summary>What an inspector needs to check seal signatures without the ledger.</summary>
    public string PublicKeyPem { get; }

    /// <summary>Reads the key file, or creates it (owner-only) on first run.</summary>
    public static IntegrityKeys LoadOrCreate(string path)
    {
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return new IntegrityKeys(key);
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, Encoding.ASCII, options)) file.Write(key.ExportECPrivateKeyPem());
        return new IntegrityKeys(key);
    }

    public string Sign(string sealHash) =>
        Convert.ToBase64String(_key.SignData(Encoding.ASCII.GetBytes(sealHash), HashAlgorithmName.SHA256));

    public bool Signed(string sealHash, string signature)
    {
        Span<byte> bytes = stackalloc byte[128];
        return Convert.TryFromBase64String(signature, bytes, out var length)
               && _key.VerifyData(Encoding.ASCII.GetBytes(sealHash), bytes[..length], HashAlgorithmName.SHA256);
    }

    public void Dispose() => _key.Dispose();
}
