namespace Sanzi.Ledger.Items;

/// <summary>The answer to a command that enters a new item: its id and its code in the catalog.</summary>
public sealed record ItemRegistration(Guid ItemId, string ItemCode);

/// <summary>The answer to a command that moves an item's value: where it now stands.</summary>
public sealed record ItemPosition(Guid ItemId, string UnitCode, decimal Value, ItemStatus Status);
