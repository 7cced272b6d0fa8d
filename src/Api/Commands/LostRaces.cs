using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Commands;

/// <summary>
/// A command that lost a write race (another request changed a stream it decided on, or filed the same
/// receipt first) is decided again on fresh state, a few times, instead of failing: the rules alone decide
/// whether it is refused. The second run of a repeated request finds the first one's receipt and answers as it did;
/// so does a request refused on its first run, which did not look for its receipt.
/// </summary>
public static class LostRaces
{
    public const int Attempts = 10;

    /// <summary>Marten 9 and JasperFx.Events both define some of these; either may surface.</summary>
    public static bool IsLostRace(this Exception e) =>
        e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException
            or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
            or DocumentAlreadyExistsException;

    /// <summary>Runs a write again while it loses races; the body is buffered so each run reads it afresh.</summary>
    public static IApplicationBuilder UseRedecisionOnLostRaces(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception e) when (e.IsLostRace() && attempt < Attempts && !context.Response.HasStarted)
            {
                context.Request.Body.Position = 0;
                context.Items[Repeated] = true;
                // A little jitter, so that requests that collided do not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), context.RequestAborted);
            }
            catch (Refused) when (!context.Items.ContainsKey(Repeated) && context.Items.ContainsKey(Unchecked) && !context.Response.HasStarted)
            {
                // Refused without its receipt looked up: a repeat of a request the rules now refuse answers as it did the first time.
                context.Request.Body.Position = 0;
                context.Items[Repeated] = true;
            }
        }
    });

    private const string Repeated = "sanzi.receipts-checked";
    private const string Unchecked = "sanzi.receipts-unchecked";

    /// <summary>Whether this is a run again of the request (after a lost race or a refusal), which decides on fresh state only.</summary>
    public static bool IsRepeat(HttpContext context) => context.Items.ContainsKey(Repeated);

    /// <summary>
    /// Whether the command pipeline must look up the request's receipt: only when running it again (see
    /// <see cref="CommandPipeline.ReplayAsync"/>); a first attempt notes that it did not.
    /// </summary>
    public static bool ReceiptsChecked(HttpContext context)
    {
        if (IsRepeat(context)) return true;
        context.Items[Unchecked] = true;
        return false;
    }
}
