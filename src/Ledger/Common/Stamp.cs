using NodaTime;

namespace Sanzi.Ledger.Common;

/// <summary>
/// Who recorded an event, the instant it was recorded, and the business day it is about. Every ledger
/// event carries one, so the record stands on its own without the store's metadata. An entry dated
/// before its unit's freeze but recorded after it is a correction and says why.
/// </summary>
public sealed record Stamp(string Actor, Instant RecordedAt, LocalDate BusinessDate, string? Correction = null)
{
    /// <summary>Business days are Beijing-time days: a payment at 23:30 UTC belongs to the next day.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public LocalDate RecordedOn => RecordedAt.InZone(Zone).Date;

    public static LocalDate DayOf(Instant instant) => instant.InZone(Zone).Date;
}

/// <summary>Every event of the ledger says who, when and for which business day.</summary>
public interface ILedgerEvent
{
    Stamp Stamp { get; }
}
