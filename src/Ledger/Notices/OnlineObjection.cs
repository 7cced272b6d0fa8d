using Sanzi.Ledger.Common;

namespace Sanzi.Ledger.Notices;

/// <summary>
/// An objection as a member types it into the public notice page (网上异议): name, member number or the last four
/// digits of an ID, the item (by its code on the notice, or none for the notice as a whole) and the text. It becomes
/// the same <see cref="RaiseObjection"/> the clerk would record, marked as raised online.
/// </summary>
public sealed record OnlineObjection(string? Name, string? Member, string? ItemCode, string? Text)
{
    /// <summary>The actor online objections are recorded under: a member is not a user of the ledger.</summary>
    public const string Actor = "公示页面网上异议";

    public RaiseObjection Validate(Guid? itemId)
    {
        var member = Member?.Trim();
        new Rules()
            .Required(Name, "name", 50)
            .Required(member, "member", 30)
            .Check(member is null || member.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'), "member",
                "must be a member number (letters, digits, hyphens) or the last four digits of an ID")
            .Check(string.IsNullOrWhiteSpace(ItemCode) || itemId is not null, "item", "names no item of this notice")
            .Required(Text, "text", 2000)
            .ThrowIfBroken();
        return new RaiseObjection(Guid.NewGuid().ToString("N"), Name!.Trim(), itemId, Text!.Trim(), null) { Member = member, Online = true };
    }
}
