using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Inventory;

/// <summary>
/// Counts one item in the inventory (清产核资/盘点) of a frozen unit: confirmed at its book value, adjusted
/// to a verified value with a reason, or missing (盘亏) with a reason. A later count replaces an earlier one
/// until the inventory closes.
/// </summary>
public sealed record CountItem(
    string IdempotencyKey,
    CountResult Result,
    decimal? VerifiedValue,
    decimal? CountedQuantity,
    string? Reason,
    LocalDate? CountedOn,
    LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        CountResult? Result,
        decimal? VerifiedValue,
        decimal? CountedQuantity,
        string? Reason,
        LocalDate? CountedOn,
        LocalDate? BusinessDate) : ICommandRequest<CountItem>
    {
        public CountItem Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .OneOf(Result, "result")
                .Check(Result != CountResult.Adjusted || VerifiedValue is not null, "verifiedValue", "is required when the result is adjusted")
                .Check(VerifiedValue is null || VerifiedValue == decimal.Round(VerifiedValue.Value, 2), "verifiedValue",
                    "must have at most 2 decimal places (yuan and fen)")
                .Check(Result is not (CountResult.Adjusted or CountResult.Missing) || !DocumentForm.IsPlaceholder(Reason), "reason",
                    "is required when the count differs from the books (账实不符的原因), and placeholder text such as \"无\" or \"-\" is refused")
                .Check(CountedQuantity is null or >= 0, "countedQuantity", "must not be negative")
                .ThrowIfBroken();
            return new(IdempotencyKey!, Result!.Value, VerifiedValue, CountedQuantity, Reason, CountedOn, BusinessDate);
        }
    }

    public ItemCounted Decide(UnitBook unit, Item item, Stamp stamp)
    {
        unit.EnsureStage(unit.IsFrozenFor(stamp), "counting items", "the freeze");
        if (unit.Inventory is not null)
            throw Refused.Conflict($"The inventory of {unit.Code} is closed; a correction goes through an objection to the notice.");
        if (!item.IsInBooks) throw Refused.Conflict($"Item {item.ItemCode} was disposed of; it is not counted.");
        if (CountedOn > stamp.RecordedOn) throw Refused.Invalid("countedOn", "may not be in the future");
        unit.EnsureInOrder(CountedOn ?? stamp.BusinessDate, CountedOn is null ? "businessDate" : "countedOn", "a count");

        var verified = Result switch
        {
            CountResult.Confirmed => item.BookValue,
            CountResult.Missing => 0m,
            _ => VerifiedValue!.Value,
        };
        if (item.Kind is ItemKind.Fund or ItemKind.Claim && verified < 0) throw Refused.Invalid("verifiedValue", "must not be negative");
        return new ItemCounted(item.Id, unit.Code, Result, item.BookValue, verified, CountedQuantity, Reason, CountedOn ?? stamp.BusinessDate,
            stamp.On(CountedOn ?? stamp.BusinessDate));
    }
}
