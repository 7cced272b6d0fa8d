namespace Sanzi.Api.Hosting;

/// <summary>
/// Caps on what one request may carry (section <c>Limits</c>, e.g. <c>Limits__MaxBodyBytes=4194304</c>). They bound
/// the work a single request can cause and keep every amount far inside <see cref="decimal"/>'s range, so that
/// totals over a whole county never overflow.
/// </summary>
public sealed class InputLimits
{
    public const string Section = "Limits";

    public long MaxBodyBytes { get; set; } = 1024 * 1024;
    public int MaxStringLength { get; set; } = 4000;
    public int MaxListLength { get; set; } = 1000;
    public int MaxDepth { get; set; } = 16;

    /// <summary>The largest number any field may hold: one trillion (一万亿) yuan, mu or pieces.</summary>
    public decimal MaxAmount { get; set; } = 1_000_000_000_000m;

    /// <summary>Fields holding yuan, which are exact to the fen (at most 2 decimal places) wherever they appear.</summary>
    public HashSet<string> MoneyFields { get; set; } =
    [
        "amount", "originalValue", "accumulatedDepreciation", "proceeds", "openingBalance", "annualRent", "maxAmount", "verifiedValue",
        "correctedValue", "bookValue",
    ];
}
