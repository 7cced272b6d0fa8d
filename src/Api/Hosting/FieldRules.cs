using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Hosting;

/// <summary>
/// What a field that did not bind should have held, in words. The field's type is found by walking the error's JSON path
/// through the command's properties: System.Text.Json names the record it was building, not the field, when a record
/// takes its fields through its constructor ("could not be converted to RegisterAsset+Request").
/// </summary>
public static partial class FieldRules
{
    public static string Of(Type command, JsonException e) =>
        (FieldType(command, e.Path) ?? MessageType(e.Message)) is { } type ? Rule(type) : "has the wrong type or form";

    private static string Rule(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "must be text",
        var t when t == typeof(bool) => "must be true or false",
        var t when t == typeof(Guid) => "must be an id (a UUID)",
        var t when t == typeof(LocalDate) => "must be a date that exists, as yyyy-MM-dd",
        var t when t == typeof(Instant) => "must be an instant in ISO 8601 UTC, like 2026-11-30T00:00:00Z",
        var t when t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(double) => "must be a number",
        { IsEnum: true } t => $"must be one of: {string.Join(", ", Enum.GetNames(t).Select(JsonNamingPolicy.CamelCase.ConvertName))}",
        var t when ElementType(t) is not null => "must be a list",
        _ => "must be an object of the documented shape",
    };

    /// <summary>The type of the property at <paramref name="path"/> (<c>$.parties[0].role</c>), or none when a step names no property.</summary>
    private static Type? FieldType(Type command, string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var type = command;
        foreach (var step in Steps().Matches(path).Select(m => m.Groups["name"].Value))
        {
            if (step.Length == 0)
            {
                type = ElementType(type);
                if (type is null) return null;
                continue;
            }
            var property = (Nullable.GetUnderlyingType(type) ?? type).GetProperty(step,
                BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return null;
            type = property.PropertyType;
        }
        return type == command ? null : type;
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    /// <summary>The type a converter's own message names, for a value read outside a record's constructor.</summary>
    private static Type? MessageType(string message) =>
        TargetType().Match(message) is { Success: true } m ? Type.GetType(m.Groups[1].Value) ?? typeof(Refused).Assembly.GetType(m.Groups[1].Value) : null;

    /// <summary>A path's steps: <c>.name</c> or <c>['name']</c> a property, <c>[0]</c> an element (an empty name).</summary>
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>[^']*)'\]|\[\d+\](?<name>)")]
    private static partial Regex Steps();

    [GeneratedRegex(@"converted to ([^ ]+?)\.? Path")]
    private static partial Regex TargetType();
}
