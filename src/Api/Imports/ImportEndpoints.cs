using NodaTime.Text;
using Sanzi.Api.Identity;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Imports;
using Sanzi.Projections.Imports;
using Wolverine.Http;

namespace Sanzi.Api.Imports;

/// <summary>
/// Bulk import (批量导入) of the 清产核资 registers into a unit's books, and their empty templates. The file comes
/// as a multipart upload (field <c>file</c>) or as the raw request body; <c>table</c> names the register
/// (assets, funds, debts, resources) or is recognised from the headers.
/// </summary>
public static class ImportEndpoints
{
    [WolverineGet("/api/imports/templates/{table}")]
    public static IResult Template(string table, string? format)
    {
        var spec = Tables.Named(table);
        return format switch
        {
            null or "xlsx" => Results.File(ImportTemplates.Xlsx(spec), ImportTemplates.XlsxType, spec.Title + ".xlsx"),
            "csv" => Results.File(ImportTemplates.Csv(spec), "text/csv; charset=utf-8", spec.Title + ".csv"),
            _ => throw Refused.Invalid("format", "must be one of: xlsx, csv"),
        };
    }

    /// <summary>
    /// 200 with what was written and what was already there; 400 naming every bad row by row number, column and
    /// rule, with nothing written, unless <c>validOnly=true</c> asks to write the good rows and list the bad.
    /// </summary>
    [WolverinePost("/api/units/{code}/imports")]
    public static async Task<IResult> Import(string code, string? table, bool? validOnly, string? businessDate, HttpRequest request,
        Importer importer, IActorContext actors, CancellationToken ct)
    {
        var actor = actors.Current;
        var file = ImportFile.Read(await ContentAsync(request, ct));
        var date = businessDate is null ? (NodaTime.LocalDate?)null
            : LocalDatePattern.Iso.Parse(businessDate) is { Success: true } parsed ? parsed.Value
            : throw Refused.Invalid("businessDate", "must be a date like 2026-11-30");
        var onlyValid = validOnly ?? false;
        var result = await importer.ImportAsync(
            new ImportRequest(code, file.Table(table), file.Rows, onlyValid, date, request.HttpContext.User.FindFirst(LedgerClaims.Tenant)?.Value),
            actor, actors.CorrelationId, null, ct);
        if (result.Refused(onlyValid))
            throw new Refused(RefusalKind.Invalid,
                $"{result.Problems.Select(p => p.Row).Distinct().Count()} of {result.Rows} rows break the ledger's rules; nothing was written",
                result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Rule).ToArray()));
        return Results.Ok(result);
    }

    private static async Task<byte[]> ContentAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var upload = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                ?? throw Refused.Invalid("file", "is required: upload the register as the form field 'file'");
            await upload.CopyToAsync(buffer, ct);
        }
        else
        {
            await request.Body.CopyToAsync(buffer, ct);
        }

        return buffer.ToArray();
    }
}
