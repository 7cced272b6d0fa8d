using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Sanzi.Api.OpenApi;

/// <summary>
/// Dates and instants travel as ISO strings, not as NodaTime's object shape; common fields carry an example
/// taken from the README's walk-through, so that Scalar's "try it" starts from a request the ledger accepts.
/// </summary>
public sealed class NodaTimeSchemas : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<string, string> Examples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["idempotencyKey"] = "asset-0001", ["unitCode"] = "360702105201", ["code"] = "360702105201", ["itemCode"] = "QS-GD-0001",
        ["document"] = "临政发〔2026〕40号", ["approvalDocument"] = "临政复〔2026〕7号", ["title"] = "东坪村、西坪村合并设立和平村",
        ["name"] = "村部办公楼", ["reason"] = "评估减值: 屋面漏水", ["measureUnit"] = "辆", ["location"] = "镇政府大院",
        ["counterparty"] = "县农商银行", ["purpose"] = "印制公示材料", ["voucherNumber"] = "记-7", ["raisedBy"] = "村民代表刘某",
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(LocalDate)) Iso(schema, "date", "2026-11-30");
        else if (type == typeof(Instant)) Iso(schema, "date-time", "2026-11-30T08:00:00Z");
        else if (type == typeof(decimal)) schema.Examples = [JsonValue.Create(1200.00m)];
        else if (type == typeof(string) && context.JsonPropertyInfo?.Name is { } property && Examples.TryGetValue(property, out var example))
            schema.Examples = [JsonValue.Create(example)];
        return Task.CompletedTask;
    }

    private static void Iso(OpenApiSchema schema, string format, string example)
    {
        schema.Type = JsonSchemaType.String;
        schema.Format = format;
        schema.Properties?.Clear();
        schema.Required?.Clear();
        schema.Examples = [JsonValue.Create(example)];
    }
}
