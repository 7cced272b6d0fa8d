using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Inventory;

public class InventoryTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task Over_http_an_uncounted_item_keeps_the_inventory_open()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var counted = await books.Asset("vehicle", "皮卡车", 86_000m);
        await books.Asset("officeEquipment", "电脑", 6_000m);
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        await books.LockDebts();
        await books.Count(counted);

        var problem = await books.CloseInventory(409);

        problem.GetProperty("detail").GetString()!.ShouldContain("1 item(s)");
        (await books.View()).GetProperty("stage").GetString().ShouldBe("debtsLocked");
    }
}
