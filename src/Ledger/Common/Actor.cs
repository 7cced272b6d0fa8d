namespace Sanzi.Ledger.Common;

/// <summary>The person acting, as the ledger records it. Authentication will fill this later; the rest of the code only asks for it here.</summary>
public sealed record Actor(string Name, string? Role);

/// <summary>Answers "who is acting" for the current request or job.</summary>
public interface IActorContext
{
    Actor Current { get; }
}
