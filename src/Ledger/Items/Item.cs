using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Resources;

namespace Sanzi.Ledger.Items;

public enum ItemStatus
{
    InUse,
    Disposed,
    Missing,
}

/// <summary>The last count of an item in an inventory.</summary>
public sealed record ItemCount(CountResult Result, decimal VerifiedValue, decimal? CountedQuantity, string? Reason, LocalDate CountedOn);

/// <summary>A resource's contract or lease (承包/租赁).</summary>
public sealed record Contract(string Contractor, HolderType ContractorType, string Number, LocalDate From, LocalDate To, decimal AnnualRent);

/// <summary>
/// One 三资 item of a unit's books: an asset, a resource, a cash or bank account, a claim or a liability.
/// Every kind is counted, noticed and handed over the same way, so one card serves them all; its
/// <see cref="Value"/> is the net value of an asset, the balance of an account, claim or liability.
/// Kept as an inline snapshot so decisions and catalogs read one row instead of replaying the stream.
/// </summary>
public sealed record Item(
    Guid Id,
    ItemKind Kind,
    string Category,
    string CategoryName,
    string ItemCode,
    string Name,
    string UnitCode,
    string EntityCode,
    Ownership Ownership,
    decimal Quantity,
    string MeasureUnit,
    decimal OriginalValue,
    decimal AccumulatedDepreciation,
    decimal Value,
    ItemStatus Status,
    string? Specification = null,
    string? Location = null,
    LocalDate? AcquiredOn = null,
    string? Keeper = null,
    string? TitleDocument = null,
    string? Counterparty = null,
    HolderType? Holder = null,
    Contract? Contract = null,
    bool FoundAtCount = false,
    ItemCount? Count = null,
    LocalDate? DisposedOn = null,
    Guid? HandoverId = null,
    IReadOnlyList<string>? PreviousUnits = null)
{
    public static Item Create(AssetRegistered e) =>
        new(e.AssetId, ItemKind.Asset, ApiNames.Name(e.Category), AssetCategories.ChineseNames[e.Category], e.ItemCode, e.Name,
            e.UnitCode, e.UnitCode, e.Ownership, e.Quantity, e.MeasureUnit, e.OriginalValue, e.AccumulatedDepreciation, e.NetValue,
            ItemStatus.InUse, e.Specification, e.Location, e.AcquiredOn, e.Keeper, e.TitleDocument);

    public static Item Create(AssetFoundAtCount e) =>
        new(e.AssetId, ItemKind.Asset, ApiNames.Name(e.Category), AssetCategories.ChineseNames[e.Category], e.ItemCode, e.Name,
            e.UnitCode, e.UnitCode, e.Ownership, e.Quantity, e.MeasureUnit, e.VerifiedValue, 0m, e.VerifiedValue,
            ItemStatus.InUse, Location: e.Location, FoundAtCount: true,
            Count: new ItemCount(CountResult.Confirmed, e.VerifiedValue, e.Quantity, e.Reason, e.Stamp.BusinessDate));

    public static Item Create(ResourceRegistered e) =>
        new(e.ResourceId, ItemKind.Resource, ApiNames.Name(e.LandType), LandTypes.ChineseNames[e.LandType], e.ItemCode, e.Name,
            e.UnitCode, e.UnitCode, e.Ownership, e.AreaMu, "亩", e.BookValue, 0m, e.BookValue, ItemStatus.InUse,
            Specification: e.Boundaries, Location: e.Location, TitleDocument: e.TitleDocument);

    public static Item Create(FundAccountOpened e) =>
        new(e.AccountId, ItemKind.Fund, ApiNames.Name(e.Kind), FundKinds.ChineseNames[e.Kind], e.ItemCode,
            e.Name, e.UnitCode, e.UnitCode, e.Ownership, 1, "户", e.OpeningBalance, 0m, e.OpeningBalance, ItemStatus.InUse,
            Specification: e.AccountNumber, Location: e.BankName, Counterparty: e.BankName, Holder: e.Holder);

    public static Item Create(DebtRecorded e) =>
        new(e.DebtId, e.Side, ApiNames.Name(e.Kind), DebtKinds.ChineseName(e.Side, e.Kind), e.ItemCode, e.Counterparty,
            e.UnitCode, e.UnitCode, e.Ownership, 1, "笔", e.Amount, 0m, e.Amount, ItemStatus.InUse,
            TitleDocument: e.Document, Counterparty: e.Counterparty, Holder: e.CounterpartyType);

    public Item Apply(ReceiptRecorded e) => Moved(e.Amount);

    public Item Apply(PaymentRecorded e) => Moved(-e.Amount);

    public Item Apply(FundsMovedBetweenAccounts e) => Moved(e.ToAccountId == Id ? e.Amount : -e.Amount);

    public Item Apply(DebtIncreased e) => Moved(e.Amount);

    public Item Apply(DebtReduced e) => Moved(-e.Amount);

    /// <summary>A movement after the count moves the verified value with the book value, so a handover carries what is really there.</summary>
    private Item Moved(decimal delta) => this with
    {
        Value = Value + delta,
        Count = Count is null ? null : Count with { VerifiedValue = Count.VerifiedValue + delta },
    };

    public Item Apply(ResourceContracted e) =>
        this with { Contract = new Contract(e.Contractor, e.ContractorType, e.ContractNumber, e.From, e.To, e.AnnualRent) };

    public Item Apply(AssetDisposed e) => this with { Status = ItemStatus.Disposed, DisposedOn = e.Stamp.BusinessDate };

    public Item Apply(ItemCounted e) => this with
    {
        Count = new ItemCount(e.Result, e.VerifiedValue, e.CountedQuantity, e.Reason, e.CountedOn),
        Status = e.Result == CountResult.Missing ? ItemStatus.Missing : Status == ItemStatus.Missing ? ItemStatus.InUse : Status,
    };

    /// <summary>The successor books the item at its verified value and quantity (a parcel's counted area); its own next inventory counts it afresh.</summary>
    public Item Apply(ItemTransferred e) => this with
    {
        UnitCode = e.ToUnit,
        EntityCode = e.EntityCode,
        Value = e.Value,
        Quantity = e.Quantity ?? Quantity,
        Count = null,
        HandoverId = e.HandoverId,
        PreviousUnits = [.. PreviousUnits ?? [], e.FromUnit],
    };

    /// <summary>Items that are still the unit's to hand over: not disposed of, not found missing.</summary>
    public bool IsHeld => Status == ItemStatus.InUse;

    /// <summary>Items the inventory must count: all but those disposed of.</summary>
    public bool IsInBooks => Status != ItemStatus.Disposed;

    /// <summary>The value the books showed before the count (账面数); nothing for a surplus (盘盈) item.</summary>
    public decimal BookValue => FoundAtCount && HandoverId is null ? 0m : Value;

    /// <summary>The value the inventory settled on (核实数); the book value until the item is counted.</summary>
    public decimal VerifiedValue => Status == ItemStatus.Missing ? 0m : Count?.VerifiedValue ?? Value;
}
