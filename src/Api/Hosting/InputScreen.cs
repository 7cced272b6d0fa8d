using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Wolverine.Http;

namespace Sanzi.Api.Hosting;

/// <summary>
/// Screens every request at the edge before a handler sees it: route and query values free of control characters,
/// and for each <c>/api</c> write a JSON body within <see cref="InputLimits"/> that <see cref="JsonScreen"/> passes
/// and that binds to the endpoint's command. Anything else is a 4xx ProblemDetails naming the field, and nothing
/// reaches the event store.
/// </summary>
public sealed class InputScreen(RequestDelegate next, IOptions<InputLimits> limits, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var problem = ScreenAddress(context.Request) ?? await ScreenBodyAsync(context);
        if (problem is null) await next(context);
        else await ProblemMapping.WriteAsync(context, problem);
    }

    private static ProblemDetails? ScreenAddress(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in request.RouteValues)
            if (value is string text && JsonScreen.HasControlCharacter(text)) errors[name] = ["must not contain control characters"];
            else if (value is string id && Guid.TryParse(id, out var guid) && guid == Guid.Empty) errors[name] = ["must not be the all-zero id"];
        foreach (var (name, values) in request.Query)
            if (JsonScreen.HasControlCharacter(name) || values.Any(v => v is not null && JsonScreen.HasControlCharacter(v)))
                errors[name] = ["must not contain control characters"];
        return errors.Count == 0 ? null : ProblemMapping.Invalid(errors, "The address carries a value no unit, item or filter can have.");
    }

    private async Task<ProblemDetails?> ScreenBodyAsync(HttpContext context)
    {
        var request = context.Request;
        var chain = context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>();
        // A command endpoint reads its body in the command pipeline's own frame rather than as Wolverine's request type.
        var command = chain?.Middleware.OfType<ReadCommandBody>().FirstOrDefault()?.Variable.VariableType
                      ?? (chain?.RequestType is { } declared && declared != typeof(void) ? declared : null);
        if (command is null || !request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(request.Method)) return null;

        if (request.ContentType is not { } type || !(type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json")))
            return Refusal(StatusCodes.Status415UnsupportedMediaType, "must be sent as application/json");
        var max = limits.Value.MaxBodyBytes;
        if (request.ContentLength > max || await ReadAtMostAsync(request.Body, max, context.RequestAborted) is not { } body)
            return Refusal(StatusCodes.Status413PayloadTooLarge, $"must be at most {max} bytes");

        var errors = JsonScreen.Check(body, limits.Value);
        if (errors.Count > 0) return ProblemMapping.Invalid(errors, "The body carries values no command can accept; nothing was written.");
        object? bound;
        try
        {
            bound = JsonSerializer.Deserialize(body, command, json.Value.SerializerOptions);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "").TrimStart('$').TrimStart('.');
            var rule = FieldRules.Of(command, e);
            return ProblemMapping.Invalid(new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [rule] },
                $"{e.Path ?? "body"} {rule}; nothing was written.");
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or OverflowException or NotSupportedException)
        {
            return ProblemMapping.Invalid(new Dictionary<string, string[]> { ["body"] = [$"holds a value of the wrong form: {e.Message}"] },
                "A field has the wrong type or form; nothing was written.");
        }
        request.Body = new MemoryStream(body, writable: false);
        context.Features.Set(new ScreenedBody(body, bound));
        return null;
    }

    private static async Task<byte[]?> ReadAtMostAsync(Stream stream, long max, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > max) return null;
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    private static ValidationProblemDetails Refusal(int status, string rule) =>
        new(new Dictionary<string, string[]> { ["body"] = [rule] })
        {
            Status = status, Title = "The request body is not acceptable", Detail = $"body {rule}; nothing was written.",
        };
}
