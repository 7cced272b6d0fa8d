namespace Sanzi.Ledger.Assets;

/// <summary>
/// Inventory categories of 清产核资: 流动资产, 长期投资, 固定资产 by class (房屋建筑物, 车辆, 机器设备,
/// 办公设备及家具), 在建工程, 无形资产, 生物资产 (牲畜, 林木).
/// </summary>
public enum AssetCategory
{
    CurrentAsset,
    LongTermInvestment,
    Building,
    Vehicle,
    Machinery,
    OfficeEquipment,
    ConstructionInProgress,
    Intangible,
    Livestock,
    Timber,
}

public static class AssetCategories
{
    public static readonly IReadOnlyDictionary<AssetCategory, string> ChineseNames = new Dictionary<AssetCategory, string>
    {
        [AssetCategory.CurrentAsset] = "流动资产",
        [AssetCategory.LongTermInvestment] = "长期投资",
        [AssetCategory.Building] = "固定资产-房屋建筑物",
        [AssetCategory.Vehicle] = "固定资产-车辆",
        [AssetCategory.Machinery] = "固定资产-机器设备",
        [AssetCategory.OfficeEquipment] = "固定资产-办公设备及家具",
        [AssetCategory.ConstructionInProgress] = "在建工程",
        [AssetCategory.Intangible] = "无形资产",
        [AssetCategory.Livestock] = "生物资产-牲畜",
        [AssetCategory.Timber] = "生物资产-林木",
    };

}
