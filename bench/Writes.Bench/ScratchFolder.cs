namespace Sanzi.Bench.Writes;

/// <summary>A folder that lives as long as one run (its seal file and signing key), removed with the throwaway database.</summary>
public sealed class ScratchFolder(string path) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
