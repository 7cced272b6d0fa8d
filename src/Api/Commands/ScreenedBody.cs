namespace Sanzi.Api.Commands;

/// <summary>
/// A write's body as <see cref="Hosting.InputScreen"/> read it: its bytes and the endpoint's request bound from them.
/// The screen has to read and bind the body to refuse it at the edge (415, 413, 400 naming the field); keeping both lets
/// the command pipeline take the request and the cited documents from here instead of reading the body twice more.
/// </summary>
public sealed record ScreenedBody(ReadOnlyMemory<byte> Bytes, object? Request)
{
    /// <summary>The body of a command: every command is an <c>/api</c> write, which the screen reads before any handler.</summary>
    public static ScreenedBody Of(HttpContext context) =>
        context.Features.Get<ScreenedBody>() ?? throw new InvalidOperationException("A command's body is read by the input screen, which did not run.");

    /// <summary>The bound request; null for a JSON body of <c>null</c>.</summary>
    public static T? RequestOf<T>(HttpContext context) where T : class => (T?)Of(context).Request;
}
