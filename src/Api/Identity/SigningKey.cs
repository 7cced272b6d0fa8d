using System.Security.Cryptography;

namespace Sanzi.Api.Identity;

/// <summary>
/// The HMAC key tokens are signed with: <c>Auth:SigningKey</c> (base64, at least 32 bytes) when configured,
/// else a development key generated on first run into <c>signing.key</c> in the ledger's data folder (mode 0600),
/// so a fresh checkout works without a secret in the repository.
/// </summary>
public sealed class SigningKey
{
    public const string Setting = "Auth:SigningKey";
    public const string FileName = "signing.key";
    private const int MinimumBytes = 32;

    private SigningKey(byte[] bytes, string source)
    {
        Bytes = bytes;
        Source = source;
    }

    public byte[] Bytes { get; }

    /// <summary>Where the key came from, for the start-up log (never the key itself).</summary>
    public string Source { get; }

    public static SigningKey Load(IConfiguration configuration, string dataDirectory)
    {
        if (configuration[Setting] is { Length: > 0 } configured) return new SigningKey(Decode(configured, Setting), Setting);

        var file = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(file)) TryCreate(file);
        return new SigningKey(Decode(File.ReadAllText(file), file), file);
    }

    private static void TryCreate(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(new FileStream(file, options));
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another ledger process on the same folder wrote it first; both use that one.
        }
    }

    private static byte[] Decode(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The token signing key in {source} is not base64.");
        }
        return bytes.Length >= MinimumBytes ? bytes
            : throw new InvalidOperationException($"The token signing key in {source} must be at least {MinimumBytes} bytes.");
    }
}
