using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
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

    /// <summary>
    /// What the API answers with: Chinese written as its UTF-8 characters, not as <c>\uXXXX</c> (half the bytes for each, and
    /// an answer a person can read as it comes); characters HTML gives a meaning to stay escaped. The store and the commands'
    /// fingerprints keep <see cref="Options"/>.
    /// </summary>
    public static readonly JavaScriptEncoder AnswerEncoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static readonly JsonSerializerOptions Answers = new(Options) { Encoder = AnswerEncoder };

    /// <summary>The HTTP pipeline's options made <see cref="Answers"/>'s.</summary>
    public static void ConfigureAnswers(JsonSerializerOptions options)
    {
        Configure(options);
        options.Encoder = AnswerEncoder;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
