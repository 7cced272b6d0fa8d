namespace Sanzi.Ledger.Common;

/// <summary>
/// Collects field errors of a command as the HTTP API reports them: the JSON field name, then the
/// rules it breaks. Commands validate their own shape with it before any state is read.
/// </summary>
public sealed class Rules
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public bool Passed => _errors.Count == 0;

    /// <summary>Ends a validation: refuses with every broken field, if any.</summary>
    public void ThrowIfBroken()
    {
        if (!Passed) throw Refused.Invalid(this);
    }

    public Rules Check(bool ok, string field, string rule)
    {
        if (!ok) Add(field, rule);
        return this;
    }

    public Rules Add(string field, string rule)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(rule);
        return this;
    }

    /// <remarks>The message is built only for a value too long: an import checks every text cell of every row through here.</remarks>
    public Rules Required(string? value, string field, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, "is required")
        : value.Length <= maxLength ? this
        : Add(field, $"must be at most {maxLength} characters");

    /// <summary>Money in yuan: required, not negative (or, if <paramref name="positive"/>, above zero), to the fen.</summary>
    public Rules Amount(decimal? value, string field, bool positive = false) =>
        value is not { } v
            ? Add(field, "is required")
            : Check(positive ? v > 0 : v >= 0, field, positive ? "must be greater than zero" : "must not be negative")
                .Check(v == decimal.Round(v, 2), field, "must have at most 2 decimal places (yuan and fen)");

    public Rules Positive(decimal? value, string field) =>
        value is not { } v ? Add(field, "is required") : Check(v > 0, field, "must be greater than zero");

    public Rules DivisionCode(string? value, string field) =>
        string.IsNullOrWhiteSpace(value)
            ? Add(field, "is required")
            : Check(Common.DivisionCode.IsValid(value), field,
                "must be a 9-digit township or 12-digit village statistical division code");

    public Rules IdempotencyKey(string? value) => Required(value, "idempotencyKey", 100);
}
