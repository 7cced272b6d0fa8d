using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Resources;

namespace Sanzi.Ledger.Items;

/// <summary>
/// A category's Chinese name (类别名称) from the kind and category as the API spells them, as <see cref="Item"/> names it
/// when the item is entered: for totals that carry only the codes, such as those an inventory closed on.
/// </summary>
public static class ItemCategories
{
    public static string ChineseName(string kind, string category) => (Parse<ItemKind>(kind), category) switch
    {
        (ItemKind.Asset, var c) when Parse<AssetCategory>(c) is { } asset => AssetCategories.ChineseNames[asset],
        (ItemKind.Resource, var c) when Parse<LandType>(c) is { } land => LandTypes.ChineseNames[land],
        (ItemKind.Fund, var c) when Parse<FundKind>(c) is { } fund => FundKinds.ChineseNames[fund],
        ({ } side and (ItemKind.Claim or ItemKind.Liability), var c) when Parse<DebtKind>(c) is { } debt => DebtKinds.ChineseName(side, debt),
        _ => category,
    };

    private static T? Parse<T>(string name) where T : struct, Enum =>
        name.Length > 0 && !char.IsDigit(name[0]) && Enum.TryParse<T>(name, ignoreCase: true, out var value) ? value : null;
}
