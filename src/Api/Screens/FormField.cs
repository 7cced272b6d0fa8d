using System.Globalization;

namespace Sanzi.Api.Screens;

public enum FieldKind
{
    Text,
    Multiline,
    /// <summary>One value per line, sent as a list.</summary>
    Lines,
    Number,
    Date,
    Choice,
}

/// <summary>One field of a form that posts to the API: its name in the request body (camelCase), its label, its kind.</summary>
public sealed record FormField(string Name, string Label, FieldKind Kind = FieldKind.Text, string? Initial = null,
    IReadOnlyDictionary<string, string>? Choices = null, string? Help = null)
{
    /// <summary>The typed value the API expects, or null for an empty field (the API then names it if it is required).</summary>
    public object? Value(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        return Kind switch
        {
            FieldKind.Number => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : text,
            FieldKind.Lines => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => text,
        };
    }
}
