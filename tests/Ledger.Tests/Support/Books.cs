using System.Text.Json;
using NodaTime;

namespace Sanzi.Tests.Support;

/// <summary>
/// Drives one unit's books through the HTTP API the way a township clerk and the reform office do. With
/// <see cref="On"/> set, every entry is dated that business day, as when books are entered after the fact.
/// </summary>
public sealed class Books(LedgerApi api, string unitCode)
{
    public string Code { get; } = unitCode;

    /// <summary>The business day entries are dated (from paper books); unset, they are about the day they are recorded.</summary>
    public LocalDate? On { get; set; }

    private string? Day => On?.ToString("yyyy-MM-dd", null);

    public async Task<Guid> Enter(string path, object body) =>
        (await api.Post($"/api/units/{Code}/{path}", body, 201)).GetProperty("itemId").GetGuid();

    public Task<Guid> Asset(string category, string name, decimal original, decimal depreciation = 0, string ownership = "collective") =>
        Enter("assets", new
        {
            idempotencyKey = Sample.Key(), ownership, category, name, quantity = 1, measureUnit = "项", originalValue = original,
            accumulatedDepreciation = depreciation, acquiredOn = "2015-06-01", location = "村部", businessDate = Day,
        });

    public Task<Guid> Resource(string landType, decimal areaMu, string ownership = "collective") =>
        Enter("resources", new
        {
            idempotencyKey = Sample.Key(), ownership, landType, name = $"{landType} {areaMu} 亩", areaMu, location = "村北", boundaries = "东至河 西至路",
            businessDate = Day,
        });

    public Task<Guid> Account(string kind, decimal openingBalance, string ownership = "collective") =>
        Enter("fund-accounts", new
        {
            idempotencyKey = Sample.Key(), ownership, kind, name = kind == "cash" ? "库存现金" : "农商行基本户",
            bankName = kind == "bank" ? "农商银行" : null, accountNumber = kind == "bank" ? "6228" + Random.Shared.Next(100000, 999999) : null,
            openingBalance, businessDate = Day,
        });

    public Task<Guid> Debt(string side, string kind, string counterparty, decimal amount, string counterpartyType = "outsideUnit",
        string ownership = "collective") =>
        Enter("debts", new
        {
            idempotencyKey = Sample.Key(), ownership, side, kind, counterparty, counterpartyType, amount, document = "借款合同〔2024〕1号", businessDate = Day,
        });

    public Task<JsonElement> Payment(Guid account, decimal amount, int status = 200, Guid? exceptionId = null, string accountCode = "541",
        string? businessDate = null, string? correctionReason = null) =>
        api.Post($"/api/fund-accounts/{account}/payments", new
        {
            idempotencyKey = Sample.Key(), amount, payeeName = "县印刷厂", payeeType = "outsideUnit", purpose = "印制公示材料",
            accountCode, voucherNumber = "记-" + Random.Shared.Next(1, 999),
            approval = new { approver = "村委会主任", document = "四议两公开〔2026〕5号", approvedAt = "2026-01-05T02:00:00Z" },
            exceptionId, businessDate = businessDate ?? Day, correctionReason,
        }, status);

    public Task<JsonElement> Receipt(Guid account, decimal amount, int status = 200) =>
        api.Post($"/api/fund-accounts/{account}/receipts", new
        {
            idempotencyKey = Sample.Key(), amount, payer = "县财政局", payerType = "outsideUnit", purpose = "村级组织运转经费",
            accountCode = "522", voucherNumber = "收-" + Random.Shared.Next(1, 999), businessDate = Day,
        }, status);

    public Task<JsonElement> Count(Guid item, string result = "confirmed", decimal? verifiedValue = null, string? reason = null, int status = 200) =>
        api.Post($"/api/items/{item}/count", new { idempotencyKey = Sample.Key(), result, verifiedValue, reason, businessDate = Day }, status);

    public Task<JsonElement> LockDebts(int status = 200) =>
        api.Post($"/api/units/{Code}/debt-lock", new { idempotencyKey = Sample.Key(), businessDate = Day }, status);

    public Task<JsonElement> CloseInventory(int status = 200) =>
        api.Post($"/api/units/{Code}/inventory/close", new { idempotencyKey = Sample.Key(), businessDate = Day }, status);

    public Task<JsonElement> PublishNotice(int status = 200) =>
        api.Post($"/api/units/{Code}/notice", new
        {
            idempotencyKey = Sample.Key(), places = new[] { "村务公开栏", "县农村集体三资管理平台" }, objectionsTo = "镇三资委托代理服务中心 0795-1234567",
            businessDate = Day,
        }, status);

    public bool IsTownship => Code.Length == 9;

    /// <summary>A village's members' representatives confirm; a township's 党委会 confirms and files with the finance bureau.</summary>
    public Task<JsonElement> Confirm(int status = 200) =>
        api.Post($"/api/units/{Code}/notice/confirmation", IsTownship
            ? new
            {
                idempotencyKey = Sample.Key(), body = "partyCommittee", heldOn = Day ?? Sample.Today(), businessDate = Day,
                document = "乡党委会议纪要〔2026〕9号", filing = (object?)new { filedWith = "县财政局", document = "财资备〔2026〕12号" },
            }
            : new
            {
                idempotencyKey = Sample.Key(), body = "membersRepresentatives", heldOn = Day ?? Sample.Today(), businessDate = Day,
                document = "成员代表大会决议〔2026〕2号", filing = (object?)null,
            }, status);

    /// <summary>The three parties the register names by default; each signs with a token of their own name.</summary>
    public const string HandingOver = "李建国", Receiving = "王志强", Supervisor = "赵明";

    public Task<JsonElement> DraftHandover(int status = 200, string handingOver = HandingOver, string receiving = Receiving,
        string supervising = Supervisor) =>
        api.Post($"/api/units/{Code}/handover", new
        {
            idempotencyKey = Sample.Key(),
            parties = new[]
            {
                new { role = "handingOver", name = handingOver, post = "原村委会主任" },
                new { role = "receiving", name = receiving, post = "新村委会主任" },
                new { role = "supervising", name = supervising, post = "镇纪委书记" },
            },
            archives = new[] { "会计凭证 2018-2026 共 96 册", "会计账簿 12 本", "财务报表 9 年" },
            seals = new[] { "村民委员会印章", "村股份经济合作社财务专用章" },
            pendingMatters = new[] { "村道硬化工程尾款待结算" }, businessDate = Day,
            transfer = IsTownship ? new { mode = "freeTransfer", document = "财资〔2026〕31号" } : null,
        }, status);

    /// <summary>
    /// From a frozen unit to a drafted handover register: lock, count every item as booked, close, notice, confirm,
    /// draft. Entered after the fact (<see cref="On"/> set), the members confirm once the notice's seven days have run.
    /// </summary>
    public async Task DraftedAfterCounting(params Guid[] items)
    {
        await LockDebts();
        foreach (var item in items) await Count(item);
        await CloseInventory();
        await PublishNotice();
        if (On is { } day) On = day.PlusDays(Sample.NoticeDays);
        await Confirm();
        await DraftHandover();
    }

    public async Task<JsonElement> SignedByAll()
    {
        await Sign("handingOver", HandingOver);
        await Sign("receiving", Receiving);
        return await Sign("supervising", Supervisor);
    }

    public Task<JsonElement> Sign(string role, string actor, int status = 200) =>
        api.Post($"/api/units/{Code}/handover/signatures", new { idempotencyKey = Sample.Key(), role, businessDate = Day }, status, actor);

    public Task<JsonElement> View() => api.Get($"/api/units/{Code}");
}
