using System.Text.Json;

namespace Sanzi.Api.Hosting;

/// <summary>
/// Reads a JSON body once, before any binding, and names every field that no command could accept: malformed
/// JSON, a key given twice, a null inside a list, control characters (NUL above all: PostgreSQL's jsonb refuses
/// it), over-long strings and lists, numbers beyond the cap, the all-zero id. Pure, so it is tested without HTTP.
/// </summary>
public static class JsonScreen
{
    private const string AllZeroId = "00000000-0000-0000-0000-000000000000";

    public static IReadOnlyDictionary<string, string[]> Check(ReadOnlySpan<byte> json, InputLimits limits)
    {
        var errors = new Dictionary<string, string[]>();
        var frames = new Stack<Frame>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = limits.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Error(errors, "body", "must be a JSON object");
            frames.Push(new Frame("", isArray: false));
            while (reader.Read() && errors.Count < 20)
            {
                var frame = frames.Peek();
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    frame.Property = name;
                    if (!frame.Names.Add(name)) Error(errors, frame.PathOf(name), "is given twice");
                    if (HasControlCharacter(name)) Error(errors, frame.PathOf(name), "must not contain control characters");
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.Pop();
                    continue;
                }

                var path = frame.Next();
                if (frame.IsArray && frame.Index == limits.MaxListLength)
                    Error(errors, frame.Path, $"must have at most {limits.MaxListLength} entries");
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.Null when frame.IsArray:
                        Error(errors, path, "must not be null inside a list");
                        break;
                    case JsonTokenType.String:
                        CheckString(reader, path, limits, errors);
                        break;
                    case JsonTokenType.Number when !reader.TryGetDecimal(out var number) || Math.Abs(number) > limits.MaxAmount:
                        Error(errors, path, $"must be a number from -{limits.MaxAmount:0} to {limits.MaxAmount:0}");
                        break;
                    case JsonTokenType.Number when !frame.IsArray && limits.MoneyFields.Contains(frame.Property ?? "")
                                                   && reader.GetDecimal() is var yuan && yuan != decimal.Round(yuan, 2):
                        Error(errors, path, "must have at most 2 decimal places (yuan and fen)");
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            Error(errors, "body", $"is not valid JSON: {e.Message}");
        }
        return errors;
    }

    private static void CheckString(Utf8JsonReader reader, string path, InputLimits limits, Dictionary<string, string[]> errors)
    {
        // A character takes at most 6 bytes (an escape \uXXXX), so this many bytes are too many characters for sure;
        // decoding a 10 MB string only to refuse it would be wasted work.
        if (reader.ValueSpan.Length > (long)limits.MaxStringLength * 6)
        {
            Error(errors, path, $"must be at most {limits.MaxStringLength} characters");
            return;
        }
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            Error(errors, path, "must be valid Unicode text");
            return;
        }
        if (text.Length > limits.MaxStringLength) Error(errors, path, $"must be at most {limits.MaxStringLength} characters");
        else if (HasControlCharacter(text)) Error(errors, path, "must not contain control characters (such as NUL)");
        else if (text == AllZeroId) Error(errors, path, "must not be the all-zero id");
    }

    /// <summary>C0 controls other than tab and line breaks, DEL, C1 controls, non-characters and unpaired surrogates.</summary>
    public static bool HasControlCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r') continue;
            if (char.IsControl(c) || c is '\uFFFE' or '\uFFFF') return true;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return true;
        }
        return false;
    }

    private static IReadOnlyDictionary<string, string[]> Error(Dictionary<string, string[]> errors, string field, string rule)
    {
        errors[field] = errors.TryGetValue(field, out var rules) ? [.. rules, rule] : [rule];
        return errors;
    }

    /// <summary>Where the reader is: an object (with its keys so far) or a list (with its index), and the path to it.</summary>
    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
        public string? Property { get; set; }
        public int Index { get; private set; } = -1;

        public string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

        /// <summary>The path of the value being read now.</summary>
        public string Next()
        {
            if (!IsArray) return PathOf(Property ?? "");
            Index++;
            return $"{Path}[{Index}]";
        }
    }
}
