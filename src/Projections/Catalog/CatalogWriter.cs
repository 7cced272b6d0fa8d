using System.IO.Pipelines;
using CsvHelper;
using System.Text.Json;
using Marten;
using NodaTime.Text;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Catalog;

/// <summary>
/// The catalog of now written while PostgreSQL sends its lines (<see cref="CatalogLines"/>): each line goes from the reader's
/// columns into the JSON (<see cref="JsonChunks"/>) or CSV in the response's pipe, which is sent whenever it holds about a
/// chunk, so nothing of the whole catalog is held. The bytes are those the serializer and the CSV of <see cref="CatalogReport"/> give
/// (same property order, same escaping: <see cref="LedgerJson.Answers"/>).
/// </summary>
public static class CatalogWriter
{
    public static async Task JsonAsync(CatalogLines lines, IQuerySession session, PipeWriter body, CancellationToken ct)
    {
        await using var chunks = new JsonChunks(body);
        var json = chunks.Json;
        var counts = await lines.ReadAsync(session, async (reader, counts) =>
        {
            if (json.CurrentDepth == 0) Head(json, lines, counts);
            Line(json, new CatalogLines.Line(reader, lines.NameOf));
            await chunks.SendIfFullAsync(ct);
        }, ct);
        if (json.CurrentDepth == 0) Head(json, lines, counts);
        json.WriteEndArray();
        json.WriteString("book", ApiNames.Name(lines.Book));
        json.WriteEndObject();
        await chunks.SendAsync(ct);
    }

    public static async Task CsvAsync(CatalogLines lines, IQuerySession session, PipeWriter body, CancellationToken ct)
    {
        var csv = ReportFiles.CsvOf(body.AsStream(leaveOpen: true));
        csv.WriteRecord(CatalogReport.Columns.Select(c => c.Header).ToArray());
        var cells = new ReportFiles.CsvCells(csv);
        var written = 0;
        await lines.ReadAsync(session, async (reader, _) =>
        {
            CatalogReport.Cells(new CatalogLines.Line(reader, lines.NameOf), ref cells);
            csv.EndRecord();
            if (++written % LinesPerChunk == 0) await SendAsync(csv, body, ct);
        }, ct);
        await SendAsync(csv, body, ct);
        await csv.DisposeAsync();
    }

    /// <summary>About <see cref="JsonChunks.Chunk"/> bytes of CSV: a catalog line is some 400 bytes.</summary>
    private const int LinesPerChunk = JsonChunks.Chunk / 400;

    private static async Task SendAsync(CsvWriter csv, PipeWriter body, CancellationToken ct)
    {
        await csv.FlushAsync(ct);
        await body.FlushAsync(ct);
    }

    /// <summary>The report's fields before its lines, as <see cref="CatalogReport"/> orders them; a catalog of now has no asOf or knownAt.</summary>
    private static void Head(Utf8JsonWriter json, CatalogLines lines, CatalogLines.Counts counts)
    {
        json.WriteStartObject();
        json.WriteString("unitCode", lines.Unit.Code);
        json.WriteString("unitName", lines.Unit.Name);
        json.WriteNull("asOf");
        json.WriteNull("knownAt");
        json.WriteNumber("itemsInBooks", counts.InBooks);
        json.WriteNumber("itemsHandedOver", counts.HandedOver);
        json.WriteNumber("itemsDisposed", counts.Disposed);
        json.WriteStartArray("items");
    }

    /// <summary>A <see cref="CatalogLine"/>'s properties in their order.</summary>
    private static void Line(Utf8JsonWriter json, CatalogLines.Line line)
    {
        var (book, verified, to, on) = (line.NetValue, line.VerifiedValue, line.HandedOverTo, line.HandedOverOn);
        json.WriteStartObject();
        json.WriteString(ReportProperty.ItemId, line.Id);
        json.WriteString(ReportProperty.ItemCode, line.ItemCode);
        json.WriteString(ReportProperty.Name, line.Name);
        json.WriteString(ReportProperty.Kind, ApiNames.Name(line.Kind));
        json.WriteString(ReportProperty.Category, line.Category);
        json.WriteString(ReportProperty.CategoryName, line.CategoryName);
        Text(json, ReportProperty.Specification, line.Specification);
        json.WriteNumber(ReportProperty.Quantity, line.Quantity);
        json.WriteString(ReportProperty.MeasureUnit, line.MeasureUnit);
        Text(json, ReportProperty.Location, line.Location);
        Text(json, ReportProperty.Keeper, line.Keeper);
        json.WriteNumber(ReportProperty.OriginalValue, line.OriginalValue);
        json.WriteNumber(ReportProperty.AccumulatedDepreciation, line.AccumulatedDepreciation);
        json.WriteNumber(ReportProperty.NetValue, book);
        json.WriteNumber(ReportProperty.VerifiedValue, verified);
        json.WriteNumber(ReportProperty.Difference, verified - book);
        Text(json, ReportProperty.Reason, line.Reason);
        Text(json, ReportProperty.TitleDocument, line.TitleDocument);
        Text(json, ReportProperty.Encumbrance, line.Encumbrance);
        json.WriteString(ReportProperty.Status, line.Status);
        json.WriteString(ReportProperty.StatusText, line.StatusText);
        Text(json, ReportProperty.HandedOverTo, to);
        Text(json, ReportProperty.HandedOverOn, on is { } day ? LocalDatePattern.Iso.Format(day) : null);
        json.WriteString(ReportProperty.Ownership, ApiNames.Name(line.Ownership));
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
