using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sanzi.Ledger.Common;

/// <summary>
/// Enums in JSON by their camelCase names. Reading a name the enum does not have gives a value outside it
/// instead of failing the whole body, so validation can name that field and list the allowed values beside
/// every other broken field. Numbers are refused, as before.
/// </summary>
public sealed class ApiEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => ApiNames.Name(v));

    /// <summary>What an unknown name binds to: no member of the enum has it.</summary>
    public static readonly T Unknown = (T)Enum.ToObject(typeof(T), int.MinValue);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? ByName.GetValueOrDefault(reader.GetString()!, Unknown)
            : throw new JsonException($"The JSON value must be one of: {ApiNames.List<T>()}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(ApiNames.Name(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ByName.GetValueOrDefault(reader.GetString()!, Unknown);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(ApiNames.Name(value));
}

public sealed class ApiEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ApiEnumConverter<>).MakeGenericType(typeToConvert))!;
}
