using NodaTime;
using NodaTime.Text;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Reports;

namespace Sanzi.Api.Reports;

public enum ReportFormat
{
    Json,
    Csv,
    Xlsx,
    /// <summary>The page to print and file (打印版).</summary>
    Html,
}

/// <summary>
/// The query of every report: <c>?format=json|csv|xlsx|html</c>, <c>?asOf=</c> a business date or instant ("the books as
/// they stood": <c>2026-04-01</c>, <c>2026-03-31T16:00:00Z</c> or with an offset) and <c>?knownAt=</c> a recording
/// instant ("as the ledger knew them then"), either or both, neither in the future. Taken as strings because
/// Wolverine can't bind NodaTime types from the query, and so that a bad value is a 400 naming the parameter.
/// <c>?book=collective|state</c> names the book a report is about; a unit keeping one book needs none.
/// </summary>
public sealed record ReportRequest(ReportFormat Format, ReportTime Time, Ownership? Book = null)
{
    private static readonly IPattern<Instant> InstantIso = InstantPattern.ExtendedIso;
    private static readonly IPattern<OffsetDateTime> OffsetIso = OffsetDateTimePattern.ExtendedIso;
    private static readonly IPattern<LocalDate> DateIso = LocalDatePattern.Iso;

    public static ReportRequest Parse(string? format, string? asOf, string? knownAt, IClock clock, string? book = null)
    {
        var rules = new Rules();
        var parsedFormat = format switch
        {
            null or "json" => ReportFormat.Json,
            "csv" => ReportFormat.Csv,
            "xlsx" => ReportFormat.Xlsx,
            "html" => ReportFormat.Html,
            _ => (ReportFormat?)null,
        };
        rules.Check(parsedFormat is not null, "format", "must be one of: json, csv, xlsx, html");

        var now = clock.GetCurrentInstant();
        var date = asOf is null ? null : DateIso.Parse(asOf) is { Success: true } d ? d.Value : (LocalDate?)null;
        var businessInstant = asOf is null || date is not null ? null : Instant(asOf);
        if (asOf is not null)
            rules.Check(date is not null || businessInstant is not null, "asOf",
                    "must be an ISO 8601 business date or instant, e.g. 2026-04-01, 2026-03-31T16:00:00Z or 2026-04-01T00:00:00+08:00")
                .Check(date is null || date <= Stamp.DayOf(now), "asOf", "may not be in the future")
                .Check(businessInstant is null || businessInstant <= now, "asOf", "may not be in the future");

        var recorded = knownAt is null ? null : Instant(knownAt);
        if (knownAt is not null)
            rules.Check(recorded is not null, "knownAt", "must be an ISO 8601 instant, e.g. 2026-05-01T00:00:00Z or 2026-05-01T08:00:00+08:00")
                .Check(recorded is null || recorded <= now, "knownAt", "may not be in the future");

        var parsedBook = ParseBook(book, rules);
        if (!rules.Passed) throw Refused.Invalid(rules);
        return new ReportRequest(parsedFormat!.Value, new ReportTime(date, businessInstant, recorded), parsedBook);
    }

    public static Ownership? ParseBook(string? book, Rules rules)
    {
        var parsed = book is null ? null : Enum.GetValues<Ownership>().Cast<Ownership?>().FirstOrDefault(o => ApiNames.Name(o!.Value) == book);
        rules.Check(book is null || parsed is not null, "book", $"must be one of: {ApiNames.List<Ownership>()}");
        return parsed;
    }

    private static Instant? Instant(string text) =>
        InstantIso.Parse(text) is { Success: true } instant ? instant.Value
        : OffsetIso.Parse(text) is { Success: true } offset ? offset.Value.ToInstant()
        : null;
}
