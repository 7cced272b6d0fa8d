using System.Text;
using Sanzi.Projections.Notices;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Notices;

/// <summary>The public notice keeps identity-card and mobile numbers, and individuals' names, out of every free text.</summary>
public class PersonalDataTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Theory]
    [InlineData("身份证36070219800101123X", "身份证＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊")]
    [InlineData("身份证 360702-19800101-123x 已核", "身份证 ＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊ 已核")]
    [InlineData("证号 360702 1980 0101 1234", "证号 ＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊")]
    [InlineData("电话13812345678", "电话＊＊＊＊＊＊＊＊＊＊＊")]
    [InlineData("电话 138 1234 5678。", "电话 ＊＊＊＊＊＊＊＊＊＊＊＊＊。")]
    [InlineData("电话138-1234-5678", "电话＊＊＊＊＊＊＊＊＊＊＊＊＊")]
    [InlineData("+86 13812345678", "＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊")]
    [InlineData("电话１３８１２３４５６７８", "电话＊＊＊＊＊＊＊＊＊＊＊")]
    [InlineData("借款人：王小二，已还", "借款人：＊＊＊，已还")]
    [InlineData("镇三资委托代理服务中心 0795-1234567", "镇三资委托代理服务中心 0795-1234567")]
    [InlineData("账号 6228 0000 0000 0000 123 不是证号", "账号 6228 0000 0000 0000 123 不是证号")]
    public void Numbers_in_any_spelling_and_labelled_names_are_masked_and_office_numbers_kept(string text, string shown) =>
        new PersonalData([]).Mask(text).ShouldBe(shown);

    [Fact]
    public void The_names_of_the_individuals_the_books_know_are_masked_wherever_they_appear() =>
        new PersonalData(["张三丰", "李四"]).Mask("经张三丰同意，由李四代管").ShouldBe("经＊＊＊同意，由＊＊代管");

    [Fact]
    public async Task The_public_page_shows_none_of_the_personal_data_the_clerk_typed_into_free_text()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reform = (await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var house = await books.Enter("assets", new
        {
            idempotencyKey = Sample.Key(), category = "building", name = "仓库", quantity = 1, measureUnit = "栋", originalValue = 50_000m,
            acquiredOn = "2015-06-01", location = "张三丰家东侧",
        });
        var claim = await books.Debt("claim", "receivable", "张三丰", 3_000m, "individual");
        var land = await books.Resource("cropland", 12m);
        await _api.Post($"/api/resources/{land}/contracts", new
        {
            idempotencyKey = Sample.Key(), contractor = "李四", contractorType = "individual", contractNumber = "承包〔2024〕8号",
            from = "2024-01-01", to = "2033-12-31", annualRent = 3_600m,
        }, 200);
        await _api.Post($"/api/reforms/{reform}/freeze", Sample.Freeze(), 200);
        await books.LockDebts();
        await books.Count(house, "adjusted", 45_000m, "李四反映屋顶漏水，联系人：王小二 138 1234 5678，身份证 360702-19800101-123X");
        await books.Count(claim);
        await books.Count(land);
        await books.CloseInventory();
        await books.PublishNotice();

        var page = Encoding.UTF8.GetString((await _api.Download($"/notices/{books.Code}", actor: null)).Body);
        page.ShouldContain("仓库");
        page.ShouldContain("屋顶漏水");
        foreach (var personal in new[] { "张三丰", "李四", "王小二", "5678", "123X", "19800101" }) page.ShouldNotContain(personal);
    }
}
