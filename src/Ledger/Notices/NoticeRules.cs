namespace Sanzi.Ledger.Notices;

/// <summary>
/// The public notice period (公示期) a county sets for every reform alike (configuration <c>Notices:MinimumDays</c>):
/// results with collective assets stay posted at least this many full days, whatever a reform declares.
/// </summary>
public sealed class NoticeRules
{
    public const string Section = "Notices";

    public int MinimumDays { get; set; } = 7;
}
