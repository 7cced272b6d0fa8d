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
        json.WriteString(Property.ItemId, line.Id);
        json.WriteString(Property.ItemCode, line.ItemCode);
        json.WriteString(Property.Name, line.Name);
        json.WriteString(Property.Kind, ApiNames.Name(line.Kind));
        json.WriteString(Property.Category, line.Category);
        json.WriteString(Property.CategoryName, line.CategoryName);
        Text(json, Property.Specification, line.Specification);
        json.WriteNumber(Property.Quantity, line.Quantity);
        json.WriteString(Property.MeasureUnit, line.MeasureUnit);
        Text(json, Property.Location, line.Location);
        Text(json, Property.Keeper, line.Keeper);
        json.WriteNumber(Property.OriginalValue, line.OriginalValue);
        json.WriteNumber(Property.AccumulatedDepreciation, line.AccumulatedDepreciation);
        json.WriteNumber(Property.NetValue, book);
        json.WriteNumber(Property.VerifiedValue, verified);
        json.WriteNumber(Property.Difference, verified - book);
        Text(json, Property.Reason, line.Reason);
        Text(json, Property.TitleDocument, line.TitleDocument);
        Text(json, Property.Encumbrance, line.Encumbrance);
        json.WriteString(Property.Status, line.Status);
        json.WriteString(Property.StatusText, line.StatusText);
        Text(json, Property.HandedOverTo, to);
        Text(json, Property.HandedOverOn, on is { } day ? LocalDatePattern.Iso.Format(day) : null);
        json.WriteString(Property.Ownership, ApiNames.Name(line.Ownership));
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    /// <summary>The lines' property names, encoded once: written per call, each of 24 names was checked and encoded again on every line.</summary>
    private static class Property
    {
        public static readonly JsonEncodedText ItemId = JsonEncodedText.Encode("itemId");
        public static readonly JsonEncodedText ItemCode = JsonEncodedText.Encode("itemCode");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        public static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
        public static readonly JsonEncodedText CategoryName = JsonEncodedText.Encode("categoryName");
        public static readonly JsonEncodedText Specification = JsonEncodedText.Encode("specification");
        public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
        public static readonly JsonEncodedText MeasureUnit = JsonEncodedText.Encode("measureUnit");
        public static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
        public static readonly JsonEncodedText Keeper = JsonEncodedText.Encode("keeper");
        public static readonly JsonEncodedText OriginalValue = JsonEncodedText.Encode("originalValue");
        public static readonly JsonEncodedText AccumulatedDepreciation = JsonEncodedText.Encode("accumulatedDepreciation");
        public static readonly JsonEncodedText NetValue = JsonEncodedText.Encode("netValue");
        public static readonly JsonEncodedText VerifiedValue = JsonEncodedText.Encode("verifiedValue");
        public static readonly JsonEncodedText Difference = JsonEncodedText.Encode("difference");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText TitleDocument = JsonEncodedText.Encode("titleDocument");
        public static readonly JsonEncodedText Encumbrance = JsonEncodedText.Encode("encumbrance");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText StatusText = JsonEncodedText.Encode("statusText");
        public static readonly JsonEncodedText HandedOverTo = JsonEncodedText.Encode("handedOverTo");
        public static readonly JsonEncodedText HandedOverOn = JsonEncodedText.Encode("handedOverOn");
        public static readonly JsonEncodedText Ownership = JsonEncodedText.Encode("ownership");
    }
}
