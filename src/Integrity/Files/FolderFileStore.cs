namespace Sanzi.Integrity.Files;

/// <summary>
/// Files in a folder, one per digest under a subfolder of its first two hex digits (so no folder holds millions).
/// A file is written beside its place and moved in, so a reader never sees half a document.
/// </summary>
public sealed class FolderFileStore(string root) : IFileStore
{
    public string Describe => $"folder {root}";

    public string PathOf(string sha256) => Path.Combine(root, sha256[..2], sha256);

    public async Task PutAsync(string sha256, Stream content, CancellationToken ct)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await content.CopyToAsync(file, ct);
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // A second upload of the same bytes got there first: what is stored is what this upload had.
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)
            : null);
    }
}
