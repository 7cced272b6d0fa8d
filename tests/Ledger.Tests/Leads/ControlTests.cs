using System.Text.Json;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Leads;

/// <summary>Controls a word can't satisfy: placeholders refused naming the field, an exception not used by its approver, every use listed.</summary>
public class ControlTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    private static object Payment(string document, string accountCode = "541", string? resolution = null, Guid? exceptionId = null) => new
    {
        idempotencyKey = Sample.Key(), amount = 300m, payeeName = "县医院", payeeType = "outsideUnit", purpose = "体检费", accountCode,
        voucherNumber = "记-7", approval = new { approver = "乡长", document, approvedAt = "2026-01-05T02:00:00Z" },
        resolutionReference = resolution, exceptionId,
    };

    private static string[] Fields(JsonElement problem) => problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray();

    [Fact]
    public async Task Placeholder_reasons_resolutions_and_approval_documents_are_refused_naming_the_field()
    {
        var books = new Books(_api, Sample.TownshipCode());
        await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        var bank = await books.Account("bank", 10_000m);
        var truck = await books.Asset("vehicle", "货车", 60_000m);

        Fields(await _api.Post($"/api/fund-accounts/{bank}/payments", Payment("同意"), 400)).ShouldBe(["approval.document"]);
        Fields(await _api.Post($"/api/fund-accounts/{bank}/payments", Payment("乡务会纪要〔2026〕2号", "322", "见附件"), 400)).ShouldBe(["resolutionReference"]);
        var disposal = await _api.Post($"/api/assets/{truck}/disposal", new
        {
            idempotencyKey = Sample.Key(), method = "sale", proceeds = 9_000m, resolutionReference = "无", reason = "-", recipient = "某公司",
        }, 400);
        Fields(disposal).Order().ShouldBe(["reason", "resolutionReference"]);
        disposal.GetProperty("errors").GetProperty("resolutionReference")[0].GetString()!.ShouldContain("meeting");
        // A resolution that names its meeting and number, and a reason that says something, pass.
        await _api.Post($"/api/assets/{truck}/disposal", new
        {
            idempotencyKey = Sample.Key(), method = "sale", proceeds = 9_000m, resolutionReference = "乡党委会议纪要〔2026〕7号", reason = "车辆老旧，维修费高于残值",
            recipient = "某公司",
        }, 200);
    }

    [Fact]
    public async Task An_exception_is_not_used_by_its_approver_and_every_use_is_listed_for_the_reform()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var bank = await books.Account("bank", 10_000m);
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        var exception = await _api.Post($"/api/reforms/{reformId}/exceptions", new
        {
            idempotencyKey = Sample.Key(), unitCode = books.Code, scope = "payment", maxAmount = 500m, approver = "张镇长", document = "镇特批〔2026〕3号",
            reason = "无",
        }, 400);
        Fields(exception).ShouldBe(["reason"]);
        var exceptionId = (await _api.Post($"/api/reforms/{reformId}/exceptions", new
        {
            idempotencyKey = Sample.Key(), unitCode = books.Code, scope = "payment", maxAmount = 500m, approver = "张镇长", document = "镇特批〔2026〕3号",
            reason = "职工体检合同到期须付款",
        }, 201)).GetProperty("exceptionId").GetGuid();

        var selfUse = await _api.Post($"/api/fund-accounts/{bank}/payments", Payment("镇特批〔2026〕3号", exceptionId: exceptionId), 409,
            "张镇长");
        selfUse.GetProperty("detail").GetString()!.ShouldContain("张镇长");
        await _api.Post($"/api/fund-accounts/{bank}/payments", Payment("镇特批〔2026〕3号", exceptionId: exceptionId), 200);

        await _api.CaughtUp();
        var listed = (await _api.Get($"/api/reforms/{reformId}/exception-uses")).EnumerateArray().ToList().ShouldHaveSingleItem();
        (listed.GetProperty("approver").GetString(), listed.GetProperty("used").GetDecimal()).ShouldBe(("张镇长", 300m));
        var use = listed.GetProperty("uses").EnumerateArray().ShouldHaveSingleItem();
        (use.GetProperty("type").GetString(), use.GetProperty("actor").GetString()).ShouldBe(("paymentRecorded", LedgerApi.DefaultActor));
    }
}
