using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Inventory;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Notices;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;

namespace Sanzi.UnitTests.Support;

/// <summary>States built from events, for decision tests: the same Apply methods the store uses.</summary>
public static class States
{
    public const string Code = "360702101201";
    public static readonly Guid ReformId = Guid.NewGuid();

    public static UnitBook Open() =>
        UnitBook.Create(new UnitRegistered(Code, "青山村", UnitLevel.Village, Sample.Stamp()))
            .Apply(new UnitJoinedReform(Code, ReformId, Sample.Stamp()));

    public static UnitBook Frozen(Duration? ago = null) =>
        Open().Apply(new UnitFrozen(Code, ReformId, Sample.Now - (ago ?? Duration.FromHours(1)), Sample.Stamp()));

    public static UnitBook Locked() => Frozen().Apply(new DebtsLocked(Code, ReformId, new LocalDate(2026, 11, 1), [], Sample.Stamp()));

    public static UnitBook Inventoried() =>
        Locked().Apply(new InventoryClosed(Code, new LocalDate(2026, 11, 1), [], 0, 0m, 0, 0m, Sample.Stamp()));

    /// <summary>Noticed today for a number of days, both ends included (0 days: the members may confirm today).</summary>
    public static UnitBook Noticed(int days = 0) => Inventoried().Apply(new NoticePublished(Code, Guid.NewGuid(),
        Stamp.DayOf(Sample.Now), Stamp.DayOf(Sample.Now).PlusDays(days - 1),
        ["村务公开栏"], "镇三资中心", Sample.Stamp()));

    public static Item Account(decimal balance) =>
        Item.Create(new FundAccountOpened(Guid.NewGuid(), Code, "ZJ-1", Ownership.Collective, FundKind.Bank, "基本户", "农商行", "6228", HolderType.Collective,
            balance, Sample.Stamp()));

    public static Item Debt(string side, decimal amount) =>
        Item.Create(new DebtRecorded(Guid.NewGuid(), Code, "ZW-1", Ownership.Collective, side == "claim" ? ItemKind.Claim : ItemKind.Liability,
            side == "claim" ? DebtKind.Receivable : DebtKind.Loan, "县农商银行", HolderType.OutsideUnit, amount, null, "合同", null, Sample.Stamp()));

    public static ExceptionApproved Exception(ExceptionScope scope, decimal max) =>
        new(ReformId, Guid.NewGuid(), Code, scope, max, "县纪委", "特批〔2026〕1号", "五保户救助款", Sample.Stamp());

    public static ApprovalInput Approval => new("村委会主任", "四议两公开〔2026〕5号", Sample.Now);
}
