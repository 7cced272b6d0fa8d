using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Projections.Reports;

/// <summary>
/// When a report looks at the books, in the ledger's two times: <see cref="AsOf"/> in business time, a date or an
/// instant ("the books as they stood on freeze day"), and <see cref="KnownAt"/> in recording time ("what the ledger
/// knew on 1 May"), either or both. Neither means now, read from the projections.
/// </summary>
public sealed record ReportTime(LocalDate? AsOfDate, Instant? AsOfInstant, Instant? KnownAt)
{
    public static readonly ReportTime Now = new(null, null, null);

    public bool IsNow => AsOfDate is null && AsOfInstant is null && KnownAt is null;

    /// <summary>As the request named it, in ISO: <c>2026-04-01</c> or <c>2026-03-31T16:00:00Z</c>.</summary>
    public string? AsOf => AsOfDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                           ?? (AsOfInstant is { } i ? InstantPattern.ExtendedIso.Format(i) : null);

    /// <summary>The last business instant the report covers: a date covers its whole Beijing day.</summary>
    public Instant? BusinessCut => AsOfInstant ?? (AsOfDate is { } d ? Stamp.EndOf(d) : null);

    /// <summary>Whether an event belongs to the books at this time in business terms (recording time is filtered in the query).</summary>
    public bool Includes(object data) => BusinessCut is not { } cut || BusinessTimeOf(data) is not { } t || t <= cut;

    /// <summary>
    /// Where an event stands in business time: the freeze at the instant the county decided; a unit's registration and
    /// its joining a reform, and the reform's declaration, have none (they frame the books rather than move them);
    /// every other entry at its stamp's business time.
    /// </summary>
    public static Instant? BusinessTimeOf(object data) => data switch
    {
        UnitFrozen e => e.FrozenAt,
        ReformFrozen e => e.FreezeAt,
        UnitRegistered or UnitJoinedReform or ReformDeclared => null,
        ILedgerEvent e => e.Stamp.BusinessTime(),
        _ => null,
    };

    /// <summary>For messages: "as of 2026-04-01, known at 2026-05-01T00:00:00Z".</summary>
    public override string ToString() =>
        string.Join(", ", new[] { AsOf is { } a ? $"as of {a}" : null, KnownAt is { } k ? $"known at {InstantPattern.ExtendedIso.Format(k)}" : null }
            .OfType<string>());
}
