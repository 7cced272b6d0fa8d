using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Sanzi.Integrity;

/// <summary>
/// JSON rewritten as PostgreSQL prints a jsonb value (<c>jsonb_out</c>): each object's keys in jsonb's order (shorter
/// first, then by their bytes), <c>", "</c> and <c>": "</c> between items, strings with only what jsonb escapes
/// escaped (Chinese as its UTF-8, not <c>\uXXXX</c>), numbers as written. Verify compares a replayed document with the
/// stored one as these texts, which costs the server a print of the stored jsonb instead of parsing, sorting and
/// comparing the replayed one; where the texts differ it still compares them as jsonb, so a number printed otherwise
/// (<c>1E+2</c>, <c>-0</c>) or a repeated key costs time, never a finding. One per thread: it reuses its buffers.
/// </summary>
internal sealed class JsonbText
{
    private readonly List<Level> _levels = [];
    private readonly ArrayBufferWriter<byte> _unescaped = new();

    /// <summary>The members of the object being rewritten at one depth: its keys and rewritten values, to be sorted.</summary>
    private sealed class Level
    {
        public readonly ArrayBufferWriter<byte> Bytes = new();
        public readonly List<(int Key, int KeyLength, int Value, int ValueLength)> Members = [];
    }

    /// <summary>Writes the JSON value <paramref name="json"/> to <paramref name="output"/> as jsonb's text.</summary>
    public void Write(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        Value(ref reader, output, 0);
    }

    private void Value(ref Utf8JsonReader reader, IBufferWriter<byte> output, int depth)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                Object(ref reader, output, depth);
                break;
            case JsonTokenType.StartArray:
                output.Write("["u8);
                for (var first = true; reader.Read() && reader.TokenType != JsonTokenType.EndArray; first = false)
                {
                    if (!first) output.Write(", "u8);
                    Value(ref reader, output, depth + 1);
                }
                output.Write("]"u8);
                break;
            case JsonTokenType.String:
                Escaped(Unescaped(ref reader), output);
                break;
            case JsonTokenType.Number:
                output.Write(reader.ValueSpan);
                break;
            case JsonTokenType.True:
                output.Write("true"u8);
                break;
            case JsonTokenType.False:
                output.Write("false"u8);
                break;
            default:
                output.Write("null"u8);
                break;
        }
    }

    private void Object(ref Utf8JsonReader reader, IBufferWriter<byte> output, int depth)
    {
        while (_levels.Count <= depth) _levels.Add(new Level());
        var level = _levels[depth];
        level.Bytes.ResetWrittenCount();
        level.Members.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = level.Bytes.WrittenCount;
            level.Bytes.Write(Unescaped(ref reader));
            var keyLength = level.Bytes.WrittenCount - key;
            reader.Read();
            var value = level.Bytes.WrittenCount;
            Value(ref reader, level.Bytes, depth + 1);
            level.Members.Add((key, keyLength, value, level.Bytes.WrittenCount - value));
        }

        var bytes = level.Bytes.WrittenSpan;
        var members = CollectionsMarshal.AsSpan(level.Members);
        Sort(members, bytes);
        output.Write("{"u8);
        for (var i = 0; i < members.Length; i++)
        {
            var (key, keyLength, value, valueLength) = members[i];
            if (i > 0) output.Write(", "u8);
            Escaped(bytes.Slice(key, keyLength), output);
            output.Write(": "u8);
            output.Write(bytes.Slice(value, valueLength));
        }
        output.Write("}"u8);
    }

    /// <summary>
    /// Members in jsonb's key order: shorter keys first, keys of a length by their bytes. An insertion sort: an object
    /// has a few dozen keys, and this allocates nothing.
    /// </summary>
    private static void Sort(Span<(int Key, int KeyLength, int Value, int ValueLength)> members, ReadOnlySpan<byte> bytes)
    {
        for (var i = 1; i < members.Length; i++)
        {
            var member = members[i];
            var key = bytes.Slice(member.Key, member.KeyLength);
            var at = i;
            for (; at > 0; at--)
            {
                var before = members[at - 1];
                var order = before.KeyLength != member.KeyLength
                    ? before.KeyLength.CompareTo(member.KeyLength)
                    : bytes.Slice(before.Key, before.KeyLength).SequenceCompareTo(key);
                if (order <= 0) break;
                members[at] = before;
            }
            members[at] = member;
        }
    }

    /// <summary>The current string or key's UTF-8 without JSON escapes (valid until the next string is read).</summary>
    private ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        _unescaped.ResetWrittenCount();
        var written = reader.CopyString(_unescaped.GetSpan(reader.ValueSpan.Length));
        _unescaped.Advance(written);
        return _unescaped.WrittenSpan;
    }

    /// <summary>A string as jsonb prints it (PostgreSQL's <c>escape_json</c>): quotes, backslashes and control characters escaped, nothing else.</summary>
    private static void Escaped(ReadOnlySpan<byte> text, IBufferWriter<byte> output)
    {
        output.Write("\""u8);
        while (!text.IsEmpty)
        {
            var plain = text.IndexOfAnyInRange((byte)0, (byte)0x1F) is var control and >= 0 ? control : text.Length;
            var special = text[..plain].IndexOfAny((byte)'"', (byte)'\\');
            if (special >= 0) plain = special;
            output.Write(text[..plain]);
            if (plain == text.Length) break;
            output.Write(text[plain] switch
            {
                (byte)'"' => "\\\""u8,
                (byte)'\\' => "\\\\"u8,
                (byte)'\b' => "\\b"u8,
                (byte)'\f' => "\\f"u8,
                (byte)'\n' => "\\n"u8,
                (byte)'\r' => "\\r"u8,
                (byte)'\t' => "\\t"u8,
                var c => System.Text.Encoding.ASCII.GetBytes($"\\u{c:x4}"),
            });
            text = text[(plain + 1)..];
        }
        output.Write("\""u8);
    }
}
