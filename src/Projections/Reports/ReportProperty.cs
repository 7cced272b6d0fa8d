using System.Text.Json;

namespace Sanzi.Projections.Reports;

/// <summary>
/// The property names the reports written as they are read (<see cref="JsonChunks"/>) write per line, encoded once: written as
/// strings, each name was checked and encoded again on every line of a 10,000-line catalog.
/// </summary>
public static class ReportProperty
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
    public static readonly JsonEncodedText Side = JsonEncodedText.Encode("side");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText LockedBalance = JsonEncodedText.Encode("lockedBalance");
    public static readonly JsonEncodedText CurrentBalance = JsonEncodedText.Encode("currentBalance");
    public static readonly JsonEncodedText ChangedAfterLock = JsonEncodedText.Encode("changedAfterLock");
    public static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
}
