using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sanzi.Api.OpenApi;

/// <summary>The OpenAPI document of every endpoint (<c>/openapi/v1.json</c>), browsable with Scalar at <c>/api/docs</c>.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddLedgerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Sanzi Ledger 三资账本", Version = "v1",
                    Description = "Event-sourced audit and asset-transfer ledger for merged townships and villages. Every write is a POST with an idempotencyKey.",
                };
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer<NodaTimeSchemas>();
        });
}
