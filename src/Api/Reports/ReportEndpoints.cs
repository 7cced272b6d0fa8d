using Marten;
using NodaTime;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Debts;
using Sanzi.Projections.Handovers;
using Sanzi.Projections.Reconciliation;
using Sanzi.Projections.Reports;
using Sanzi.Projections.Summary;
using Wolverine.Http;

namespace Sanzi.Api.Reports;

/// <summary>
/// The clear-account reports, each as JSON or, with <c>?format=csv|xlsx</c>, a download, or with <c>?format=html</c> the page to print; with <c>?asOf=</c> (business
/// time) and <c>?knownAt=</c> (recording time) as the books stood or as the ledger knew them. Now, they read pre-built
/// rows indexed by unit, not event streams.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>账册目录</summary>
    [WolverineGet("/api/units/{code}/catalog")]
    public static async Task<IResult> Catalog(string code, string? format, string? asOf, string? knownAt, string? book, IQuerySession session, IClock clock,
        CancellationToken ct)
    {
        var request = ReportRequest.Parse(format, asOf, knownAt, clock, book);
        if (!request.Time.IsNow) return Render(CatalogReport.Build(await UnitRecords.LoadAsync(session, code, request.Time, ct, request.Book)), request.Format, clock);
        // Now, the rows' columns only, and JSON and CSV written as they arrive; the unit and its book are settled (or refused) first.
        var lines = await CatalogLines.OpenAsync(session, code, request.Book, ct);
        return request.Format switch
        {
            ReportFormat.Json => new PipedResult(body => CatalogWriter.JsonAsync(lines, session, body, ct), JsonType),
            ReportFormat.Csv => new PipedResult(body => CatalogWriter.CsvAsync(lines, session, body, ct), ReportFiles.CsvType,
                CatalogReport.FileNameOf(lines.Unit.Code, lines.Book) + ".csv"),
            _ => Render(await lines.LoadAsync(session, ct), request.Format, clock),
        };
    }

    /// <summary>清产核资汇总表</summary>
    [WolverineGet("/api/units/{code}/summary")]
    public static async Task<IResult> Summary(string code, string? format, string? asOf, string? knownAt, string? book, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var request = ReportRequest.Parse(format, asOf, knownAt, clock, book);
        return Render(await SummaryReport.LoadAsync(session, code, request.Time, request.Book, ct), request.Format, clock);
    }

    /// <summary>债权债务清单</summary>
    [WolverineGet("/api/units/{code}/debts")]
    public static async Task<IResult> Debts(string code, string? format, string? asOf, string? knownAt, string? book, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var request = ReportRequest.Parse(format, asOf, knownAt, clock, book);
        // Now, the lines the documents keep printed, copied; the unit, its book and the lines are read (or refused) first.
        if (request.Time.IsNow && request.Format == ReportFormat.Json && await DebtRegisterWriter.OpenAsync(session, code, request.Book, ct) is { } register)
            return new PipedResult(body => register.JsonAsync(body, ct), JsonType);
        return Render(await DebtRegisterReport.LoadAsync(session, code, request.Time, request.Book, ct), request.Format, clock);
    }

    /// <summary>移交清册</summary>
    [WolverineGet("/api/units/{code}/handover")]
    public static Task<IResult> Handover(string code, string? format, string? asOf, string? knownAt, string? book, IQuerySession session, IClock clock, CancellationToken ct) =>
        Unit(code, format, asOf, knownAt, book, session, clock, (records, _) => Task.FromResult<IReport>(HandoverReport.Build(records)), ct);

    /// <summary>对账报告</summary>
    [WolverineGet("/api/reforms/{id}/reconciliation")]
    public static async Task<IResult> Reconciliation(Guid id, string? format, string? asOf, string? knownAt, string? book, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var request = ReportRequest.Parse(format, asOf, knownAt, clock, book);
        return Render(await ReformRecords.ReconcileAsync(session, id, request.Time, ct, request.Book), request.Format, clock);
    }

    private static async Task<IResult> Unit(string code, string? format, string? asOf, string? knownAt, string? book, IQuerySession session, IClock clock,
        Func<UnitRecords, CancellationToken, Task<IReport>> build, CancellationToken ct)
    {
        var request = ReportRequest.Parse(format, asOf, knownAt, clock, book);
        var records = await UnitRecords.LoadAsync(session, code, request.Time, ct, request.Book);
        return Render(await build(records, ct), request.Format, clock);
    }

    private const string JsonType = "application/json; charset=utf-8";

    private static IResult Render(IReport report, ReportFormat format, IClock clock) => format switch
    {
        ReportFormat.Csv => File(ReportFiles.Csv(report)),
        ReportFormat.Xlsx => File(ReportFiles.Excel(report, Today(clock))),
        // Shown in the browser, to print, rather than saved.
        ReportFormat.Html => Results.Bytes(PrintedReport.Render(report, Today(clock)).Content, "text/html; charset=utf-8"),
        // As object, so that the report's own type is serialized rather than the interface.
        _ => Results.Ok((object)report),
    };

    private static LocalDate Today(IClock clock) => Sanzi.Ledger.Common.Stamp.DayOf(clock.GetCurrentInstant());

    private static IResult File(ReportFile file) => Results.File(file.Content, file.ContentType, file.FileName);
}
