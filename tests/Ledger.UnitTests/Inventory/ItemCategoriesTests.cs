using Sanzi.Ledger.Assets;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Resources;
using Shouldly;

namespace Sanzi.UnitTests.Inventory;

/// <summary>Totals that carry only the codes (an inventory's) are named as the items were named when entered.</summary>
public class ItemCategoriesTests
{
    [Fact]
    public void Every_asset_and_land_category_is_named_as_its_items_are()
    {
        foreach (var (category, name) in AssetCategories.ChineseNames) ItemCategories.ChineseName("asset", ApiNames.Name(category)).ShouldBe(name);
        foreach (var (land, name) in LandTypes.ChineseNames) ItemCategories.ChineseName("resource", ApiNames.Name(land)).ShouldBe(name);
    }

    [Theory]
    [InlineData("fund", "cash", "库存现金")]
    [InlineData("fund", "bank", "银行存款")]
    [InlineData("claim", "loan", "应收款")]
    [InlineData("liability", "loan", "借款")]
    [InlineData("liability", "internal", "内部往来")]
    [InlineData("asset", "spaceship", "spaceship")]
    [InlineData("asset", "1", "1")]
    [InlineData("", "", "")]
    public void Funds_and_debts_are_named_by_their_side_and_an_unknown_code_is_shown_as_it_is(string kind, string category, string name) =>
        ItemCategories.ChineseName(kind, category).ShouldBe(name);
}
