using System.Buffers.Binary;
using Npgsql;

namespace Sanzi.Integrity;

/// <summary>
/// The rows of a <c>COPY (query) TO STDOUT (FORMAT BINARY)</c>, parsed in place: each field is the bytes the server sent
/// (texts as their UTF-8, integers big-endian), valid until the next <see cref="ReadAsync"/>. Verify reads the log this
/// way because the hash preimage encodes texts exactly as COPY frames them (a 4-byte big-endian length, −1 for null,
/// then the UTF-8), so a row is hashed from the bytes received, with no string built and none encoded again.
/// </summary>
internal sealed class CopyRows : IAsyncDisposable
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private readonly Stream _stream;
    private readonly int[] _starts;
    private byte[] _buffer = new byte[1 << 16];
    private int _row, _parsed, _end;
    private bool _done;

    private CopyRows(Stream stream, int fields) => (_stream, _starts) = (stream, new int[fields + 1]);

    /// <summary>Starts the copy of <paramref name="query"/>, whose rows have <paramref name="fields"/> columns.</summary>
    public static async Task<CopyRows> OpenAsync(NpgsqlConnection connection, string query, int fields, CancellationToken ct)
    {
        return await FromAsync(await connection.BeginRawBinaryCopyAsync($"copy ({query}) to stdout (format binary)", ct), fields, ct);
    }

    /// <summary>Reads the rows of a binary COPY from <paramref name="stream"/>, which it then owns.</summary>
    public static async Task<CopyRows> FromAsync(Stream stream, int fields, CancellationToken ct)
    {
        var rows = new CopyRows(stream, fields);
        await rows.ReadHeaderAsync(ct);
        return rows;
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        _row = _parsed;
        while (!TryParse())
        {
            if (_done) return false;
            await FillAsync(ct);
        }
        return true;
    }

    public bool IsNull(int field) => _starts[field] < 0;

    /// <summary>A field's bytes without its length (empty for null).</summary>
    public ReadOnlySpan<byte> Value(int field) => IsNull(field) ? default : _buffer.AsSpan(_starts[field], Length(field));

    /// <summary>A field's bytes to read as a stream (empty for null).</summary>
    public MemoryStream Stream(int field) => IsNull(field) ? new MemoryStream([], writable: false) : new(_buffer, _starts[field], Length(field), writable: false);

    /// <summary>Fields <paramref name="first"/> to <paramref name="last"/> as framed on the wire: each with its 4-byte length before it.</summary>
    public ReadOnlySpan<byte> Framed(int first, int last) => _buffer.AsSpan(FrameOf(first), FrameOf(last + 1) - FrameOf(first));

    public long Int64(int field) => BinaryPrimitives.ReadInt64BigEndian(Value(field));

    public Guid Guid(int field) => new(Value(field), bigEndian: true);

    public bool Bool(int field) => !IsNull(field) && Value(field)[0] != 0;

    public string? Text(int field) => IsNull(field) ? null : System.Text.Encoding.UTF8.GetString(Value(field));

    public byte[]? Bytes(int field) => IsNull(field) ? null : Value(field).ToArray();

    private int Length(int field) => FrameOf(field + 1) - _starts[field];

    /// <summary>Where a field's length word starts (the end of the row for one past the last field).</summary>
    private int FrameOf(int field)
    {
        if (field == _starts.Length - 1) return _starts[field];
        var start = _starts[field];
        return start < 0 ? -start - 4 : start - 4;
    }

    /// <summary>
    /// Parses the row at <c>_row</c> if all of it is in the buffer. A null field's start is stored as minus the offset
    /// just past its length word, so that <see cref="FrameOf"/> finds every field's frame from the starts alone.
    /// </summary>
    private bool TryParse()
    {
        var at = _row;
        if (_end - at < 2) return false;
        var count = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(at));
        at += 2;
        if (count == -1)
        {
            _done = true;
            return false;
        }
        if (count != _starts.Length - 1) throw new InvalidDataException($"a COPY row has {count} fields, not {_starts.Length - 1}");
        for (var field = 0; field < count; field++)
        {
            if (_end - at < 4) return false;
            var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(at));
            at += 4;
            if (length < 0)
            {
                _starts[field] = -at;
                continue;
            }
            if (_end - at < length) return false;
            _starts[field] = at;
            at += length;
        }
        _starts[count] = at;
        _parsed = at;
        return true;
    }

    /// <summary>Keeps the unparsed rest at the front (growing the buffer when one row fills it) and reads more after it.</summary>
    private async ValueTask FillAsync(CancellationToken ct)
    {
        var rest = _end - _row;
        if (rest == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        else if (_row > 0) Buffer.BlockCopy(_buffer, _row, _buffer, 0, rest);
        (_row, _parsed, _end) = (0, 0, rest);
        // The token is checked here rather than handed to Npgsql, which registers it with every read (a row each); a copy
        // stopped for good is cancelled by disposing its stream.
        ct.ThrowIfCancellationRequested();
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), CancellationToken.None);
        if (read == 0) throw new EndOfStreamException("the COPY ended inside a row");
        _end += read;
    }

    private async Task ReadHeaderAsync(CancellationToken ct)
    {
        while (_end < Signature.Length + 8) await FillAsync(ct);
        if (!_buffer.AsSpan(0, Signature.Length).SequenceEqual(Signature)) throw new InvalidDataException("not a binary COPY");
        var extension = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(Signature.Length + 4));
        while (_end < Signature.Length + 8 + extension) await FillAsync(ct);
        _row = _parsed = Signature.Length + 8 + extension;
    }

    public async ValueTask DisposeAsync()
    {
        // Reading to the trailer lets the connection go on; a copy stopped early is cancelled by disposing its stream.
        await _stream.DisposeAsync();
    }
}
