using NodaTime;
using NodaTime.Text;
using Sanzi.Ledger.Common;

namespace Sanzi.Api.Reports;

public enum ReportFormat
{
    Json,
    Csv,
    Xlsx,
}

/// <summary>
/// The query of every report: <c>?format=json|csv|xlsx</c> and <c>?asOf=</c> an ISO instant in the past
/// (<c>2026-11-30T08:00:00Z</c> or with an offset). Taken as strings because Wolverine can't bind an
/// Instant from the query, and so that a bad value is a 400 naming the parameter. <c>?book=collective|state</c>
/// names the book a report is about; a unit keeping one book needs none.
/// </summary>
public sealed record ReportRequest(ReportFormat Format, Instant? AsOf, Ownership? Book = null)
{
    private static readonly IPattern<Instant> InstantIso = InstantPattern.ExtendedIso;
    private static readonly IPattern<OffsetDateTime> OffsetIso = OffsetDateTimePattern.ExtendedIso;

    public static ReportRequest Parse(string? format, string? asOf, IClock clock, string? book = null)
    {
        var rules = new Rules();
        var parsedFormat = format switch
        {
            null or "json" => ReportFormat.Json,
            "csv" => ReportFormat.Csv,
            "xlsx" => ReportFormat.Xlsx,
            _ => (ReportFormat?)null,
        };
        rules.Check(parsedFormat is not null, "format", "must be one of: json, csv, xlsx");

        Instant? instant = null;
        if (asOf is not null)
        {
            var parsed = InstantIso.Parse(asOf);
            instant = parsed.Success ? parsed.Value : OffsetIso.Parse(asOf) is { Success: true } offset ? offset.Value.ToInstant() : null;
            rules.Check(instant is not null, "asOf", "must be an ISO 8601 instant, e.g. 2026-11-30T08:00:00Z or 2026-11-30T16:00:00+08:00")
                .Check(instant is null || instant <= clock.GetCurrentInstant(), "asOf", "may not be in the future");
        }

        var parsedBook = ParseBook(book, rules);
        if (!rules.Passed) throw Refused.Invalid(rules);
        return new ReportRequest(parsedFormat!.Value, instant, parsedBook);
    }

    public static Ownership? ParseBook(string? book, Rules rules)
    {
        var parsed = book is null ? null : Enum.GetValues<Ownership>().Cast<Ownership?>().FirstOrDefault(o => ApiNames.Name(o!.Value) == book);
        rules.Check(book is null || parsed is not null, "book", $"must be one of: {ApiNames.List<Ownership>()}");
        return parsed;
    }
}
