using System.Text.Json;
using NodaTime;
using Sanzi.Ledger.Common;
using Shouldly;

namespace Sanzi.Tests.Support;

/// <summary>
/// The domain issue's scenario through the HTTP API: 东村 and 西村 with funds, assets, resources, claims and
/// debts merge into 和平村, from the declaration to the signed handover. A shortage (the pump) in the east, a
/// surplus (the tractor) in the west, an adjusted office value re-checked upon an objection. It is entered after
/// the fact from paper books (补录), as a county does: the freeze a month before today, each step dated on its own
/// day, the notice running its full seven days. Tests of the merger and of the reports share it;
/// <c>beforeHandover</c> lets a test plant something before the old books close.
/// </summary>
public sealed class VillageMerger
{
    private VillageMerger(LedgerApi api, LocalDate freezeDay)
    {
        East = new Books(api, Sample.VillageCode());
        West = new Books(api, Sample.VillageCode());
        Merged = new Books(api, Sample.VillageCode());
        FreezeDay = freezeDay;
    }

    public Books East { get; }
    public Books West { get; }
    public Books Merged { get; }
    public Guid ReformId { get; private set; }
    public Guid EastCash, EastBank, EastOffice, EastPump, EastLand, EastClaim, EastLoan, WestBank, WestOffice, WestForest, WestPayable, Tractor;
    public JsonElement EastInventory, WestInventory, EastSignature, LastSignature;

    /// <summary>The business day of the freeze.</summary>
    public LocalDate FreezeDay { get; }

    /// <summary>
    /// The freeze instant in business time (0:00 Beijing time on the freeze day, or just after the live freeze), the
    /// recording instant before anything was entered, and the one just after the whole merger.
    /// </summary>
    public Instant FrozenAt, EnteredFrom, CompletedAt;

    /// <summary>The whole merger, entered after the fact.</summary>
    public static async Task<VillageMerger> Run(LedgerApi api, Func<VillageMerger, Task>? beforeHandover = null)
    {
        var m = await Frozen(api, afterTheFact: true);
        var (east, west) = (m.East, m.West);
        var day = m.FreezeDay;
        void On(int days) => east.On = west.On = day.PlusDays(days);

        // Debt lock and inventory: a shortage in the east, a surplus in the west, one adjusted value.
        On(1);
        await east.LockDebts();
        await west.LockDebts();
        On(2);
        foreach (var item in new[] { m.EastCash, m.EastBank, m.EastLand, m.EastClaim, m.EastLoan }) await east.Count(item);
        await east.Count(m.EastOffice, "adjusted", 350_000m, "评估减值: 屋面漏水");
        await east.Count(m.EastPump, "missing", reason: "盘点未见实物");
        foreach (var item in new[] { m.WestBank, m.WestOffice, m.WestForest, m.WestPayable }) await west.Count(item);
        m.Tractor = await west.Enter("inventory/surplus", new
        {
            idempotencyKey = Sample.Key(), category = "machinery", name = "拖拉机", quantity = 1, measureUnit = "台", verifiedValue = 12_000m,
            location = "西村农机棚", reason = "2019 年购置未入账", businessDate = Sample.Iso(west.On!.Value),
        });
        On(3);
        m.EastInventory = await east.CloseInventory();
        m.WestInventory = await west.CloseInventory();

        // Notice with one objection, upheld with a correcting entry; then, the seven days run, the members confirm.
        On(4);
        await east.PublishNotice();
        await west.PublishNotice();
        var objection = await api.Post($"/api/units/{east.Code}/objections", new
        {
            idempotencyKey = Sample.Key(), raisedBy = "村民代表刘某", itemId = m.EastOffice, text = "办公楼评估价偏低",
            businessDate = Sample.Iso(day.PlusDays(5)),
        }, 201);
        var resolution = new
        {
            idempotencyKey = Sample.Key(), outcome = "upheld", reason = "复核后按 355,000 元确认", correctedValue = 355_000m,
            businessDate = Sample.Iso(day.PlusDays(6)),
        };
        var resolutionUrl = $"/api/units/{east.Code}/objections/{objection.GetProperty("objectionId").GetGuid()}/resolution";
        var resolved = await api.Post(resolutionUrl, resolution, 200);
        (await api.Post(resolutionUrl, resolution, 200)).GetRawText().ShouldBe(resolved.GetRawText());
        On(4 + Sample.NoticeDays);
        await east.Confirm();
        await west.Confirm();
        if (beforeHandover is not null) await beforeHandover(m);

        // Handover, signed by the three parties.
        On(5 + Sample.NoticeDays);
        await east.DraftHandover();
        await west.DraftHandover();
        m.EastSignature = await east.SignedByAll();
        m.LastSignature = await west.SignedByAll();
        m.CompletedAt = Sample.Now();
        return m;
    }

    /// <summary>The declaration, the books before the freeze, the four meetings and the freeze: live, or after the fact a month back.</summary>
    public static async Task<VillageMerger> Frozen(LedgerApi api, bool afterTheFact)
    {
        var freezeDay = afterTheFact ? Sample.PastFreezeDay() : Sample.TodayDate();
        var m = new VillageMerger(api, freezeDay) { EnteredFrom = Sample.Now() };
        var (east, west) = (m.East, m.West);
        m.ReformId = (await api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "东村、西村合并为和平村", approvalDocument = "临政复〔2026〕7号",
            approvedOn = Sample.Iso(afterTheFact ? freezeDay.PlusDays(-20) : new LocalDate(2026, 11, 1)),
            plannedFreezeDate = Sample.Iso(afterTheFact ? freezeDay : new LocalDate(2026, 11, 30)), mode = "fullMerger", noticeDays = Sample.NoticeDays,
            afterTheFact = afterTheFact ? Sample.AfterTheFact() : null,
            predecessors = new[] { new { code = east.Code, name = "东村" }, new { code = west.Code, name = "西村" } },
            successors = new[] { new { code = m.Merged.Code, name = "和平村" } },
        }, 201)).GetProperty("reformId").GetGuid();

        // The books before the freeze, from paper dated ten days before it when entered after the fact.
        east.On = west.On = afterTheFact ? freezeDay.PlusDays(-10) : null;
        m.EastCash = await east.Account("cash", 5_000m);
        m.EastBank = await east.Account("bank", 120_000m);
        m.EastOffice = await east.Asset("building", "村部办公楼", 450_000m, 90_000m);
        m.EastPump = await east.Asset("machinery", "抽水机组", 30_000m);
        m.EastLand = await east.Resource("cropland", 120m);
        m.EastClaim = await east.Debt("claim", "receivable", "个体户陈某", 8_000m, "individual");
        m.EastLoan = await east.Debt("liability", "loan", "县农商银行", 50_000m);
        await east.Payment(m.EastCash, 1_200m);
        await east.Receipt(m.EastBank, 30_000m);
        await api.Post($"/api/debts/{m.EastClaim}/reductions", new
        {
            idempotencyKey = Sample.Key(), amount = 3_000m, how = "collection", document = "收-12",
            businessDate = east.On is { } on ? Sample.Iso(on) : null,
        }, 200);

        m.WestBank = await west.Account("bank", 80_000m);
        m.WestOffice = await west.Asset("building", "西村活动中心", 200_000m, 50_000m);
        m.WestForest = await west.Resource("forest", 300m);
        m.WestPayable = await west.Debt("liability", "payable", "县建筑公司", 12_000m);

        // The four meetings of each old village, then the freeze.
        var heldOn = Sample.Iso(afterTheFact ? freezeDay.PlusDays(-5) : new LocalDate(2026, 11, 10));
        foreach (var village in new[] { east, west })
        foreach (var meeting in new[] { "jointCommittees", "partyMembers", "villagerRepresentatives", "villagers" })
            await api.Post($"/api/reforms/{m.ReformId}/resolutions",
                new { idempotencyKey = Sample.Key(), unitCode = village.Code, meeting, heldOn, document = $"{meeting}决议" }, 200);
        await api.Post($"/api/reforms/{m.ReformId}/freeze", afterTheFact ? Sample.Freeze(freezeDay) : Sample.Freeze(), 200, "reform-office");
        m.FrozenAt = afterTheFact ? freezeDay.AtStartOfDayInZone(Stamp.Zone).ToInstant() : Sample.Now();
        return m;
    }
}
