namespace Sanzi.Ledger.Common;

/// <summary>
/// Statistical division codes (统计用区划代码): 9 digits for a township-level unit, 12 for a village.
/// The province part is never 00.
/// </summary>
public static class DivisionCode
{
    public static bool IsValid(string code) =>
        code.Length is 9 or 12 && code.All(char.IsAsciiDigit) && !code.StartsWith("00", StringComparison.Ordinal);

    public static UnitLevel LevelOf(string code) => code.Length == 9 ? UnitLevel.Township : UnitLevel.Village;
}

/// <summary>The administrative level of a unit: township 乡镇/街道 or village 村/社区.</summary>
public enum UnitLevel
{
    Township,
    Village,
}
