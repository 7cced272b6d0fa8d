namespace Sanzi.Ledger.Common;

/// <summary>Why a decision refused a command; the API turns each kind into its HTTP status.</summary>
public enum RefusalKind
{
    /// <summary>The command contradicts the books as they stand (409).</summary>
    Conflict,
    /// <summary>The command names something the ledger does not hold (404).</summary>
    NotFound,
    /// <summary>A field breaks a rule that needs the ledger's state or clock to check (400).</summary>
    Invalid,
    /// <summary>The acting person may not do this, whatever the books say (403).</summary>
    Forbidden,
}

/// <summary>A decision's refusal: nothing is written, and the caller is told why.</summary>
public sealed class Refused(RefusalKind kind, string reason, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(reason)
{
    public RefusalKind Kind { get; } = kind;

    /// <summary>For <see cref="RefusalKind.Invalid"/>: each offending JSON field and the rules it breaks.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public static Refused Conflict(string reason) => new(RefusalKind.Conflict, reason);
    public static Refused NotFound(string reason) => new(RefusalKind.NotFound, reason);
    public static Refused Forbidden(string reason) => new(RefusalKind.Forbidden, reason);

    public static Refused Invalid(string field, string rule) =>
        new(RefusalKind.Invalid, $"{field} {rule}", new Dictionary<string, string[]> { [field] = [rule] });

    public static Refused Invalid(Rules rules) =>
        new(RefusalKind.Invalid, string.Join("; ", rules.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")),
            rules.Errors);
}
