using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Notices;

/// <summary>Records a member's objection (异议) to the notice: who, about which item if any, and what.</summary>
public sealed record RaiseObjection(string IdempotencyKey, string RaisedBy, Guid? ItemId, string Text, LocalDate? BusinessDate) : ILedgerCommand
{
    /// <summary>A member number or the last four digits of an ID, as a member gives it online.</summary>
    public string? Member { get; init; }

    /// <summary>Raised by the member from the public notice page rather than recorded by the clerk.</summary>
    public bool Online { get; init; }

    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, string? RaisedBy, Guid? ItemId, string? Text, LocalDate? BusinessDate)
        : ICommandRequest<RaiseObjection>
    {
        public RaiseObjection Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Required(RaisedBy, "raisedBy", 100)
                .Required(Text, "text", 2000)
                .ThrowIfBroken();
            return new(IdempotencyKey!, RaisedBy!, ItemId, Text!, BusinessDate);
        }
    }

    public ObjectionRaised Decide(UnitBook unit, Reform reform, Item? item, Guid objectionId, Stamp stamp)
    {
        unit.EnsureStage(unit.Notice is not null && unit.Confirmation is null, "raising an objection", "a notice not yet confirmed");
        if (!reform.ObjectionRound)
            throw Refused.Conflict($"Reform {reform.Id} holds no objection round for {unit.Code}: a township's results are confirmed by its 党委会 or 政府常务会议.");
        if (stamp.BusinessDate < unit.Notice!.From)
            throw Refused.Invalid("businessDate", $"is before {unit.Notice.From:yyyy-MM-dd}, the first day of the notice it objects to");
        if (ItemId is not null && (item is null || item.UnitCode != unit.Code))
            throw Refused.Invalid("itemId", $"names no item of unit {unit.Code}");
        return new ObjectionRaised(unit.Code, objectionId, RaisedBy, ItemId, Text, stamp, Member, Online);
    }
}
