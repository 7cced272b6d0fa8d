using System.Text.Json.Serialization;
using NodaTime;

namespace Sanzi.Ledger.Common;

/// <summary>
/// Who recorded an event, and its two times: the instant it was recorded (recording time) and the business
/// day it is about (business time). Every ledger event carries one, so the record stands on its own without
/// the store's metadata. Outside a reform entered after the fact, an entry dated before its unit's freeze
/// but recorded after it is a correction and says why. <paramref name="Documents"/> are the SHA-256 digests of the
/// uploaded documents (vouchers, approvals, resolutions) the write cited: being part of the event, they are covered
/// by its hash, so a stored file replaced later no longer matches what the ledger recorded.
/// </summary>
public sealed record Stamp(
    string Actor,
    Instant RecordedAt,
    LocalDate BusinessDate,
    string? Correction = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Documents = null)
{
    /// <summary>Business days are Beijing-time days: a payment at 23:30 UTC belongs to the next day.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public LocalDate RecordedOn => RecordedAt.InZone(Zone).Date;

    public static LocalDate DayOf(Instant instant) => instant.InZone(Zone).Date;

    /// <summary>
    /// Where the entry stands in business time: an entry about the day it is recorded on stands at its recording
    /// instant; one about an earlier day stands at the last moment of that day, after anything else that day
    /// (a freeze on the day of a back-dated payment is taken to come first).
    /// </summary>
    public Instant BusinessTime() => BusinessDate == RecordedOn ? RecordedAt : EndOf(BusinessDate);

    /// <summary>The stamp of a step stated for its own day (the lock's date, the count day, the notice's first day), so its business date is that day.</summary>
    public Stamp On(LocalDate day) => this with { BusinessDate = day };

    /// <summary>The last instant of a Beijing day: "the books as they stood on that day".</summary>
    public static Instant EndOf(LocalDate day) => day.PlusDays(1).AtStartOfDayInZone(Zone).ToInstant() - Duration.Epsilon;
}

/// <summary>Every event of the ledger says who, when and for which business day.</summary>
public interface ILedgerEvent
{
    Stamp Stamp { get; }
}
