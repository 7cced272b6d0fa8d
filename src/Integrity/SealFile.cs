using System.Text.Json;

namespace Sanzi.Integrity;

/// <summary>
/// The seals outside PostgreSQL: one JSON line per seal, only ever appended. Deleting the seal and hash
/// tables leaves this file (and its signatures) to say what the log held.
/// </summary>
public sealed class SealFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();

    private Seal? _last;
    private bool _lastKnown;

    public string Path => path;

    /// <summary>The newest seal in the file, read once and then kept up to date by <see cref="Append"/>.</summary>
    public Seal? Last
    {
        get
        {
            lock (_gate)
            {
                if (!_lastKnown) (_last, _lastKnown) = (ReadAll().LastOrDefault(), true);
                return _last;
            }
        }
    }

    public IReadOnlyList<Seal> ReadAll()
    {
        lock (_gate)
        {
            if (!File.Exists(path)) return [];
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var seals = new List<Seal>();
            while (reader.ReadLine() is { } line)
                if (line.Length > 0) seals.Add(JsonSerializer.Deserialize<Seal>(line, Json)!);
            return seals;
        }
    }

    public void Append(IEnumerable<Seal> seals)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            foreach (var seal in seals)
            {
                file.Write(JsonSerializer.SerializeToUtf8Bytes(seal, Json));
                file.WriteByte((byte)'\n');
                _last = seal;
            }
            file.Flush(flushToDisk: true);
        }
    }
}
