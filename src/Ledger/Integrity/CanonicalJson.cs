using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sanzi.Ledger.Integrity;

/// <summary>
/// The one text form of a JSON value that we hash, in the manner of RFC 8785 (JCS): keys sorted by
/// UTF-16 code units, no insignificant whitespace, strings escaped minimally and otherwise left as
/// they are (no Unicode normalisation). The store keeps event bodies as jsonb, which reorders keys
/// and adds spaces, so the same event must hash the same whichever way its JSON was spelt.
/// </summary>
/// <remarks>
/// One deliberate departure from RFC 8785: numbers are written as exact decimals (<c>1.50</c>,
/// <c>1.5e0</c> and <c>15E-1</c> all become <c>1.5</c>) instead of going through IEEE doubles, which
/// would round large yuan amounts and make two different balances hash alike.
/// </remarks>
public static class CanonicalJson
{
    public static string Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder(json.Length);
        Write(document.RootElement, text);
        return text.ToString();
    }

    public static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    WriteString(property.Name, text);
                    text.Append(':');
                    Write(property.Value, text);
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index++ > 0) text.Append(',');
                    Write(item, text);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(value.GetString()!, text);
                break;
            case JsonValueKind.Number:
                text.Append(Number(value.GetRawText()));
                break;
            default:
                text.Append(value.GetRawText()); // true, false, null
                break;
        }
    }

    /// <summary>A JSON string with only the escapes RFC 8785 requires; everything else stays literal.</summary>
    public static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }

    /// <summary>The shortest plain decimal of a JSON number token: no exponent, no redundant zeros, no "-0".</summary>
    public static string Number(string token)
    {
        var negative = token.StartsWith('-');
        var body = negative ? token[1..] : token;
        var e = body.IndexOfAny(['e', 'E']);
        var exponent = e < 0 ? 0 : int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? body : body[..e];
        var point = mantissa.IndexOf('.');
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }

        var digits = mantissa.TrimStart('0');
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        if (trimmed.Length == 0) return "0";

        var sign = negative ? "-" : "";
        if (exponent >= 0) return sign + trimmed + new string('0', exponent);
        var integerDigits = trimmed.Length + exponent;
        return integerDigits > 0
            ? sign + trimmed[..integerDigits] + "." + trimmed[integerDigits..]
            : sign + "0." + new string('0', -integerDigits) + trimmed;
    }
}
