using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Sanzi.Tests.Support;

/// <summary>Reading the reports in tests: their addresses, and lookups into their JSON.</summary>
public static class Reports
{
    public static readonly string[] UnitReports = ["catalog", "summary", "debts", "handover"];

    public static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>A date as Chinese reports write it: 2026年4月1日.</summary>
    public static string Chinese(LocalDate date) => $"{date.Year}年{date.Month}月{date.Day}日";

    public static string Unit(string code, string report, string? query = null) => $"/api/units/{code}/{report}{(query is null ? "" : "?" + query)}";

    public static JsonElement Item(JsonElement catalog, Guid id) =>
        catalog.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("itemId").GetGuid() == id);

    public static JsonElement Line(JsonElement summary, string section, string item) =>
        summary.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("section").GetString() == section && l.GetProperty("item").GetString() == item);

    /// <summary>Book and verified value of a summary line, as a pair to compare against.</summary>
    public static (decimal Book, decimal Verified) Values(JsonElement summary, string section, string item)
    {
        var line = Line(summary, section, item);
        return (line.GetProperty("bookValue").GetDecimal(), line.GetProperty("verifiedValue").GetDecimal());
    }

    public static JsonElement Counterparty(JsonElement debts, string name) =>
        debts.GetProperty("counterparties").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static decimal Dec(this JsonElement e, string property) => e.GetProperty(property).GetDecimal();

    public static string? Str(this JsonElement e, string property) => e.GetProperty(property).GetString();
}
