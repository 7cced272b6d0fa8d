using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Sanzi.Ledger.Common;

/// <summary>One JSON shape for events in the store, for command receipts, and for the HTTP API.</summary>
public static class LedgerJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new ApiEnumConverterFactory());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    }

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
