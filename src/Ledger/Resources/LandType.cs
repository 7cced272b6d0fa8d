namespace Sanzi.Ledger.Resources;

/// <summary>Land types of GB/T 21010 as the resource register (资源性资产清查登记) uses them.</summary>
public enum LandType
{
    Cropland,
    Orchard,
    Forest,
    Grassland,
    IndustrialStorage,
    Commercial,
    RuralHomestead,
    PublicService,
    TransportWater,
    OtherAgricultural,
    OtherConstruction,
    Unused,
}

public static class LandTypes
{
    public static readonly IReadOnlyDictionary<LandType, string> ChineseNames = new Dictionary<LandType, string>
    {
        [LandType.Cropland] = "耕地",
        [LandType.Orchard] = "园地",
        [LandType.Forest] = "林地",
        [LandType.Grassland] = "草地",
        [LandType.IndustrialStorage] = "工矿仓储用地",
        [LandType.Commercial] = "商服用地",
        [LandType.RuralHomestead] = "农村宅基地",
        [LandType.PublicService] = "公共管理与公共服务用地",
        [LandType.TransportWater] = "交通运输和水利设施用地",
        [LandType.OtherAgricultural] = "其他农用地",
        [LandType.OtherConstruction] = "其他建设用地",
        [LandType.Unused] = "未利用地",
    };
}
