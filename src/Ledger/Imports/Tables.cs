using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Resources;
using static Sanzi.Ledger.Imports.ChineseChoices;

namespace Sanzi.Ledger.Imports;

/// <summary>
/// The four registers, each read into the request a clerk would send through the API, validated into its command
/// and entered by that command's own pure decision, so an imported row meets every rule a typed-in one does.
/// </summary>
public static class Tables
{
    private const string OwnershipHint = "集体 或 国有，空为集体";

    public static readonly TableSpec Assets = new(ImportTable.Assets, "资产清查登记表",
        [
            new("资产编号", "itemCode", false, "本单位内唯一；空则由账本编号"),
            new("权属", "ownership", false, OwnershipHint),
            new("资产类别", "category", true, string.Join("、", AssetCategories.ChineseNames.Values)),
            new("资产名称", "name", true, ""),
            new("规格型号", "specification", false, ""),
            new("数量", "quantity", true, "大于 0"),
            new("计量单位", "measureUnit", true, "如 台、辆、平方米"),
            new("原值", "originalValue", true, "元，最多两位小数"),
            new("累计折旧", "accumulatedDepreciation", false, "元，不超过原值"),
            new("取得日期", "acquiredOn", true, "如 2019-05-01"),
            new("坐落", "location", true, ""),
            new("保管人", "keeper", false, ""),
            new("权属证书", "titleDocument", false, ""),
        ],
        (c, key) => new RegisterAsset.Request(key, c.Text("资产编号"), c.Choice("权属", OwnershipWords),
            c.Choice("资产类别", AssetCategories.ChineseNames), c.Text("资产名称"), c.Text("规格型号"), c.Number("数量"), c.Text("计量单位"),
            c.Number("原值"), c.Number("累计折旧"), c.Date("取得日期"), c.Text("坐落"), c.Text("保管人"), c.Text("权属证书"), null).Validate(),
        (command, unit, id, stamp) => ((RegisterAsset)command).Decide(unit, id, stamp));

    public static readonly TableSpec Funds = new(ImportTable.Funds, "货币资金清查登记表",
        [
            new("账户编号", "itemCode", false, "本单位内唯一；空则由账本编号"),
            new("权属", "ownership", false, OwnershipHint),
            new("资金类别", "kind", true, List(FundKindWords)),
            new("账户名称", "name", true, ""),
            new("开户银行", "bankName", false, "银行存款必填"),
            new("银行账号", "accountNumber", false, "银行存款必填"),
            new("账户持有人", "holder", false, List(HolderWords) + "，空为集体"),
            new("账面余额", "openingBalance", true, "元，最多两位小数"),
        ],
        (c, key) => new OpenFundAccount.Request(key, c.Text("账户编号"), c.Choice("权属", OwnershipWords), c.Choice("资金类别", FundKindWords),
            c.Text("账户名称"), c.Text("开户银行"), c.Text("银行账号"), c.Choice("账户持有人", HolderWords), c.Number("账面余额"), null).Validate(),
        (command, unit, id, stamp) => ((OpenFundAccount)command).Decide(unit, id, stamp));

    public static readonly TableSpec Debts = new(ImportTable.Debts, "债权债务清查登记表",
        [
            new("编号", "itemCode", false, "本单位内唯一；空则由账本编号"),
            new("权属", "ownership", false, OwnershipHint),
            new("债权债务", "side", true, List(DebtSideWords)),
            new("类别", "kind", true, List(DebtKindWords)),
            new("对方单位或个人", "counterparty", true, ""),
            new("对方类型", "counterpartyType", true, List(HolderWords)),
            new("金额", "amount", true, "元，大于 0"),
            new("到期日", "dueOn", false, "如 2027-12-31"),
            new("依据文件", "document", true, "合同、协议或凭证号"),
        ],
        (c, key) => new RecordDebt.Request(key, c.Text("编号"), c.Choice("权属", OwnershipWords), c.Choice("债权债务", DebtSideWords),
            c.Choice("类别", DebtKindWords), c.Text("对方单位或个人"), c.Choice("对方类型", HolderWords), c.Number("金额"), c.Date("到期日"),
            c.Text("依据文件"), null, null).Validate(),
        (command, unit, id, stamp) => ((RecordDebt)command).Decide(unit, null, id, stamp));

    public static readonly TableSpec Resources = new(ImportTable.Resources, "资源性资产清查登记表",
        [
            new("资源编号", "itemCode", false, "本单位内唯一；空则由账本编号"),
            new("权属", "ownership", false, OwnershipHint),
            new("地类", "landType", true, string.Join("、", LandTypes.ChineseNames.Values)),
            new("资源名称", "name", true, ""),
            new("面积(亩)", "areaMu", true, "大于 0"),
            new("坐落", "location", true, ""),
            new("四至", "boundaries", false, "东至 南至 西至 北至"),
            new("权属证书", "titleDocument", false, ""),
            new("账面价值", "bookValue", false, "元，空为 0"),
        ],
        (c, key) => new RegisterResource.Request(key, c.Text("资源编号"), c.Choice("权属", OwnershipWords), c.Choice("地类", LandTypes.ChineseNames),
            c.Text("资源名称"), c.Number("面积(亩)"), c.Text("坐落"), c.Text("四至"), c.Text("权属证书"), c.Number("账面价值"), null).Validate(),
        (command, unit, id, stamp) => ((RegisterResource)command).Decide(unit, id, stamp));

    public static readonly IReadOnlyList<TableSpec> All = [Assets, Funds, Debts, Resources];

    /// <summary>The register by its API name (assets, funds, debts, resources).</summary>
    public static TableSpec Named(string name) =>
        All.FirstOrDefault(t => ApiNames.Name(t.Table) == name)
        ?? throw Refused.Invalid("table", $"must be one of: {ApiNames.List<ImportTable>()}");

    /// <summary>The register whose required headers a file carries, the best match first; null when none fits.</summary>
    public static TableSpec? Recognise(IReadOnlyCollection<string> headers) =>
        All.Where(t => t.Columns.Where(c => c.Required).All(c => headers.Contains(c.Header)))
            .OrderByDescending(t => t.Columns.Count(c => headers.Contains(c.Header)))
            .FirstOrDefault();
}
