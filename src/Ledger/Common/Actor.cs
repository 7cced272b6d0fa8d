namespace Sanzi.Ledger.Common;

/// <summary>The person acting, as the ledger records it. Authentication will fill this later; the rest of the code only asks for it here.</summary>
public sealed record Actor(string Name, string? Role);

/// <summary>Answers "who is acting" for the current request or job, and which request it is.</summary>
public interface IActorContext
{
    Actor Current { get; }

    /// <summary>The id that ties the events of one request to the caller's logs: the caller's own, or the trace id.</summary>
    string? CorrelationId { get; }
}
