using NodaTime;
using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Handovers;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Resources;
using Sanzi.Projections.Summary;

namespace Sanzi.Projections.Catalog;

/// <summary>How an item stood in an old unit's books when that unit handed it over (移交), and at what value it went.</summary>
public sealed record Transfer(string FromUnit, string ToUnit, Guid HandoverId, LocalDate On, decimal Value, Item AsHeld, decimal? CountedValue,
    decimal? Quantity = null)
{
    /// <summary>The quantity handed over (a parcel's area in 亩): the counted one when the transfer names it.</summary>
    public decimal HandedQuantity => Quantity ?? AsHeld.Quantity;
}

/// <summary>
/// One item of the catalog (账册目录), for every unit whose books have listed it: the successor lists it
/// as its own, each old unit keeps it as it stood at the handover, marked as handed over. The item card
/// itself is folded by <see cref="Item"/>'s own Apply methods, so the catalog can never disagree with the
/// card the decisions read. <see cref="Units"/> is what reports query, through a GIN index.
/// </summary>
public sealed record CatalogRow(Guid Id, Item Item, IReadOnlyList<string> Units, IReadOnlyList<Transfer> Transfers, decimal? CountedValue)
{
    private static CatalogRow New(Item item, decimal? counted = null) => new(item.Id, item, [item.UnitCode], [], counted);

    public static CatalogRow Create(AssetRegistered e) => New(Item.Create(e));
    public static CatalogRow Create(AssetFoundAtCount e) => New(Item.Create(e), e.VerifiedValue);
    public static CatalogRow Create(ResourceRegistered e) => New(Item.Create(e));
    public static CatalogRow Create(FundAccountOpened e) => New(Item.Create(e));
    public static CatalogRow Create(DebtRecorded e) => New(Item.Create(e));

    public CatalogRow Apply(ReceiptRecorded e) => this with { Item = Item.Apply(e) };
    public CatalogRow Apply(PaymentRecorded e) => this with { Item = Item.Apply(e) };
    public CatalogRow Apply(FundsMovedBetweenAccounts e) => this with { Item = Item.Apply(e) };
    public CatalogRow Apply(DebtIncreased e) => this with { Item = Item.Apply(e) };
    public CatalogRow Apply(DebtReduced e) => this with { Item = Item.Apply(e) };
    public CatalogRow Apply(ResourceContracted e) => this with { Item = Item.Apply(e) };
    public CatalogRow Apply(AssetDisposed e) => this with { Item = Item.Apply(e) };

    /// <summary>The value the count settled on, kept apart from later movements so that reconciliation can trace them.</summary>
    public CatalogRow Apply(ItemCounted e) =>
        this with { Item = Item.Apply(e), CountedValue = e.Result == CountResult.Missing ? 0m : e.VerifiedValue };

    /// <summary>
    /// The count goes with the transfer, as the sender's (<see cref="Transfer.CountedValue"/>): the receiver has counted
    /// nothing yet, and a later reform merging it away again reconciles against its own count.
    /// </summary>
    public CatalogRow Apply(ItemTransferred e) => this with
    {
        Item = Item.Apply(e),
        CountedValue = null,
        Units = Units.Contains(e.ToUnit) ? Units : [.. Units, e.ToUnit],
        Transfers = [.. Transfers, new Transfer(e.FromUnit, e.ToUnit, e.HandoverId, e.Stamp.BusinessDate, e.Value, Item, CountedValue, e.Quantity)],
    };

    /// <summary>What this row adds to the summary totals and debt register of every unit it lists; the database keeps the sums.</summary>
    public IReadOnlyList<SummaryShare> Shares => Units.Select(u => SummaryShare.Of(u, LineFor(u))).ToList();

    /// <summary>The item as the given unit's books show it: its own, or as it was when the unit handed it over.</summary>
    public UnitLine LineFor(string unitCode) =>
        Item.UnitCode == unitCode
            ? new UnitLine(this, Item, null, CountedValue)
            : Transfers.LastOrDefault(t => t.FromUnit == unitCode) is { } t
                ? new UnitLine(this, t.AsHeld, t, t.CountedValue)
                : throw new InvalidOperationException($"Item {Id} was never in the books of {unitCode}.");
}

/// <summary>An item as one unit's books show it; <see cref="Transfer"/> is set when that unit handed it over.</summary>
public sealed record UnitLine(CatalogRow Row, Item Item, Transfer? Transfer, decimal? CountedValue)
{
    public bool HandedOver => Transfer is not null;

    /// <summary>Still in the unit's books: not handed over, not disposed of (a missing item stays, as a shortage 盘亏).</summary>
    public bool InBooks => !HandedOver && Item.IsInBooks;

    public string Status => HandedOver ? "handedOver" : CatalogReport.StatusOf(Item.Status);
}
