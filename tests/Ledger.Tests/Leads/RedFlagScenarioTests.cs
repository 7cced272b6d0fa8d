using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Assets;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Leads;

/// <summary>
/// Three old townships of one reform, a year of ordinary business each (wages, the power company they all pay,
/// suppliers, leases, cash banked in time), with one case of every red flag of the brief's §4 planted among it:
/// the leads of the reform must be exactly the planted ones.
/// </summary>
public class RedFlagScenarioTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);
    private static readonly LocalDate Today = Sample.TodayDate();

    private static string DaysAgo(int days) => Today.PlusDays(-days).ToString("yyyy-MM-dd", null);

    private static Instant At(string day) => NodaTime.Text.LocalDatePattern.Iso.Parse(day).Value.AtStartOfDayInZone(Stamp.Zone).ToInstant();

    /// <summary>A payment approved on its own day unless <paramref name="approvedOn"/> says later.</summary>
    private Task<JsonElement> Pay(Guid account, decimal amount, string payee, string businessDate, string payeeType = "outsideUnit",
        Guid? exceptionId = null, string accountCode = "541", string purpose = "日常开支", string? resolution = null, string? approvedOn = null,
        int status = 200) =>
        _api.Post($"/api/fund-accounts/{account}/payments", new
        {
            idempotencyKey = Sample.Key(), amount, payeeName = payee, payeeType, purpose, accountCode,
            voucherNumber = "记-" + Random.Shared.Next(1, 999),
            approval = new { approver = "镇长", document = "镇务会纪要〔2026〕1号", approvedAt = $"{approvedOn ?? businessDate}T02:00:00Z" },
            resolutionReference = resolution, businessDate, exceptionId,
        }, status);

    private Task<JsonElement> Receive(Guid account, decimal amount, string payer, string businessDate, string accountCode = "531", string purpose = "其他收入") =>
        _api.Post($"/api/fund-accounts/{account}/receipts", new
        {
            idempotencyKey = Sample.Key(), amount, payer, payerType = "individual", purpose, accountCode, voucherNumber = "收-1", businessDate,
        }, 200);

    private async Task<Guid> Exception(Guid reformId, string unit, string scope, decimal max) =>
        (await _api.Post($"/api/reforms/{reformId}/exceptions", new
        {
            idempotencyKey = Sample.Key(), unitCode = unit, scope, maxAmount = max, approver = "县财政局", document = "财特批〔2026〕9号",
            reason = "急需",
        }, 201)).GetProperty("exceptionId").GetGuid();

    private async Task<Guid> Lease(Books books, string landType, decimal areaMu, decimal rent, string contractor, int daysAgo = 0)
    {
        var land = await books.Enter("resources", new
        {
            idempotencyKey = Sample.Key(), landType, name = $"{contractor}承包地", areaMu, location = "村北", businessDate = DaysAgo(daysAgo + 1),
        });
        await _api.Post($"/api/resources/{land}/contracts", new
        {
            idempotencyKey = Sample.Key(), contractor, contractorType = "individual", contractNumber = "承包合同-" + Random.Shared.Next(1, 999),
            from = DaysAgo(daysAgo), to = Today.PlusYears(5).ToString("yyyy-MM-dd", null), annualRent = rent, businessDate = DaysAgo(daysAgo),
        }, 200);
        return land;
    }

    /// <summary>
    /// A year of one unit's ordinary business from its bank account: two staff, the power company, a supplier, every month.
    /// A state account (国有) books by 政府会计制度: wages to 2201 应付职工薪酬, the rest to 5101 单位管理费用.
    /// </summary>
    private async Task CleanYear(Guid bank, string name, string staff1, string staff2, bool state = false)
    {
        var (wages, expenses) = state ? ("2201", "5101") : ("211", "541");
        for (var month = 0; month < 12; month++)
        {
            var day = DaysAgo(15 + 30 * month);
            await Pay(bank, 3_000m, staff1, day, "individual", accountCode: wages, purpose: "工资");
            await Pay(bank, 3_000m, staff2, day, "individual", accountCode: wages, purpose: "工资");
            await Pay(bank, 300m, Sample.Utility, day, accountCode: expenses, purpose: "电费");
            await Pay(bank, 1_000m, $"{name}供应商", day, accountCode: expenses, purpose: "办公用品");
        }
    }

    [Fact]
    public async Task Every_planted_case_is_found_and_no_clean_activity_is()
    {
        var startedAt = Sample.Now();
        var a = new Books(_api, Sample.TownshipCode());
        var b = new Books(_api, Sample.TownshipCode());
        var c = new Books(_api, Sample.TownshipCode());
        var successor = Sample.TownshipCode();
        var reformId = (await _api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "三乡并一镇", approvalDocument = "赣府字〔2026〕31号", approvedOn = "2026-01-01",
            plannedFreezeDate = "2026-01-02", noticeDays = 0,
            predecessors = new[] { new { code = a.Code, name = "东乡" }, new { code = b.Code, name = "西乡" }, new { code = c.Code, name = "南乡" } },
            successors = new[] { new { code = successor, name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();

        var bankA = await a.Account("bank", 1_000_000m);
        // 西乡's are the township government's state assets (国有资产), whose results need no members' notice period;
        // its account books by 政府会计制度 (pay 5101/2201, receive 4001/4609), never the village chart.
        var bankB = await b.Account("bank", 1_000_000m, "state");
        var bankC = await c.Account("bank", 1_000_000m);
        await CleanYear(bankA, "东乡", "东乡会计甲", "东乡出纳乙");
        await CleanYear(bankB, "西乡", "西乡会计甲", "西乡出纳乙", state: true);
        await CleanYear(bankC, "南乡", "南乡会计甲", "周某");
        await Pay(bankB, 1_000m, "西乡供应商", DaysAgo(10), accountCode: "5101");                     // clean: within the baseline
        foreach (var farmer in new[] { "承包户甲", "承包户乙", "承包户丙" }) await Lease(c, "cropland", 10m, 10_000m, farmer);      // clean: 1,000 a 亩
        var cashC = await c.Account("cash", 0m);
        await Receive(cashC, 1_000m, "村民", DaysAgo(60));                                            // clean: banked the next day
        await Pay(cashC, 1_000m, "南乡农商行基本户", DaysAgo(59), "collective", accountCode: "102", purpose: "存现");

        // Before the freeze: the planted cases.
        await Pay(bankA, 20_000m, "某装修公司", DaysAgo(5));                                          // A rushSpending
        var cashA = await a.Account("cash", 3_000m);
        await a.Receipt(cashA, 3_000m);                                                               // A cashAboveLimit
        await Pay(cashA, 1_500m, "某饭店", DaysAgo(320));                                             // A largeCashPayment
        await Pay(bankA, 600m, "张三劳务", DaysAgo(250), "individual");                               // A splitPayment
        await Pay(bankA, 600m, "张三劳务", DaysAgo(249), "individual");
        await Pay(bankA, 800m, "王五", DaysAgo(260), "individual");                                   // A and B sharedPayee
        await Pay(bankB, 800m, "王五", DaysAgo(300), "individual", accountCode: "5101");
        await Lease(a, "forest", 100m, 10_000m, "林场老板", 400);                                      // A offBookIncome: a year's rent ...
        await Receive(bankA, 3_000m, "林场老板", DaysAgo(300), "511", "林地租金");                   // ... booked short
        await Pay(bankB, 900m, "李会计", DaysAgo(280), "individual", accountCode: "5101");                            // B payeeIsActor ...
        await _api.Post($"/api/fund-accounts/{bankB}/receipts", new                                   // ... who records an entry
        {
            idempotencyKey = Sample.Key(), amount = 50m, payer = "村民", payerType = "individual", purpose = "租金", accountCode = "4609",
            voucherNumber = "收-1",
        }, 200, "李会计");
        var iou = await b.Enter("debts", new                                                           // B iousForCash: an old IOU
        {
            idempotencyKey = Sample.Key(), ownership = "state", side = "claim", kind = "receivable", counterparty = "刘某",
            counterpartyType = "individual", amount = 1_500m, document = "借条", businessDate = DaysAgo(200),
        });
        await Pay(bankC, 800m, "某酒店", Sample.Today(), purpose: "招待上级检查组餐费");              // C hospitality
        await Pay(bankC, 600m, "王某", Sample.Today(), "individual", accountCode: "212", purpose: "中秋过节费");  // C bonus: 212 is a village code, so not on 西乡's state account
        await Pay(bankC, 2_500m, "赵某", Sample.Today(), "individual", accountCode: "211", purpose: "工资");   // C rushHiring
        await Pay(bankC, 4_000m, "周某", Sample.Today(), "individual", accountCode: "211", purpose: "工资");   // C payRise
        await Pay(bankC, 5_000m, "全体成员", DaysAgo(40), "collective", accountCode: "322", purpose: "年终分配", resolution: "同意", status: 400);
        await Plant(bankC, new PaymentRecorded(bankC, c.Code, 5_000m, new Payee("全体成员", HolderType.Collective, null), "年终分配", "322",  // C dividingAssets,
            "记-9", new Approval("镇长", "镇务会纪要〔2026〕1号", At(DaysAgo(40))), "同意", null,                                            // as an import
            Sample.Stamp() with { BusinessDate = Today.PlusDays(-40), Actor = "importer" }));                                                // could write it
        await Receive(cashC, 2_000m, "村民", DaysAgo(20));                                            // C receiptsNotBanked ...
        await Pay(cashC, 500m, "某商店", DaysAgo(19), purpose: "零星开支");                           // ... spent from the till
        var privateC = await c.Enter("fund-accounts", new                                              // C privateAccount
        {
            idempotencyKey = Sample.Key(), kind = "bank", name = "出纳个人卡", bankName = "农商银行", accountNumber = "6228001", holder = "individual",
            openingBalance = 0m,
        });
        await Receive(privateC, 4_000m, "村民", DaysAgo(30), purpose: "场地费");
        await Lease(c, "cropland", 10m, 2_000m, "村主任亲戚");                                        // C cheapLease
        await c.Debt("claim", "receivable", "邻村老板", 20_000m, "individual");                             // C loanToOutsider
        var tractor = await c.Asset("machinery", "拖拉机", 30_000m);                                  // C disposalWithoutResolution
        (await _api.Post($"/api/assets/{tractor}/disposal", new
        {
            idempotencyKey = Sample.Key(), method = "sale", proceeds = 1_000m, resolutionReference = "无", reason = "闲置", recipient = "某个人",
        }, 400)).GetProperty("errors").TryGetProperty("resolutionReference", out _).ShouldBeTrue();
        await Plant(tractor, new AssetDisposed(tractor, c.Code, "sale", 1_000m, "无", "闲置", "某个人", null, Sample.Stamp() with { Actor = "importer" }));
        await Pay(bankC, 900m, "某维修厂", DaysAgo(50), purpose: "设备维修", approvedOn: DaysAgo(45)); // C approvalAfterPayment
        var excavator = await a.Asset("machinery", "挖掘机", 50_000m);
        var claimB = await b.Enter("debts", new                                                       // an old claim, from before the plan
        {
            idempotencyKey = Sample.Key(), ownership = "state", side = "claim", kind = "receivable", counterparty = "某企业",
            counterpartyType = "outsideUnit", amount = 8_000m, document = "购销合同", businessDate = DaysAgo(150),
        });
        var vehicleB = await b.Asset("vehicle", "皮卡车", 80_000m, ownership: "state");
        var buildingB = await b.Asset("building", "办公楼", 100_000m, ownership: "state");
        var computerB = await b.Asset("officeEquipment", "电脑", 10_000m, ownership: "state");

        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);

        // After the freeze.
        await Pay(bankA, 500m, "县医院", Sample.Today(), exceptionId: await Exception(reformId, a.Code, "payment", 500m)); // A exceptedOutflow
        await a.LockDebts();
        await _api.Post($"/api/units/{a.Code}/debts", new                                            // A debtInflation (and exceptedOutflow)
        {
            idempotencyKey = Sample.Key(), side = "liability", kind = "payable", counterparty = "某工程队", counterpartyType = "outsideUnit",
            amount = 30_000m, document = "欠条", exceptionId = await Exception(reformId, a.Code, "liability", 30_000m),
        }, 201);
        await _api.Post($"/api/assets/{excavator}/disposal", new                                      // A transferToNonSuccessor (and exceptedOutflow)
        {
            idempotencyKey = Sample.Key(), method = "sale", proceeds = 5_000m, resolutionReference = "乡务会〔2026〕3号", reason = "闲置",
            recipient = "某私人老板", exceptionId = await Exception(reformId, a.Code, "disposal", 50_000m),
        }, 200);
        await _api.Post($"/api/fund-accounts/{bankB}/receipts", new                                   // clean: back-dated with its reason
        {
            idempotencyKey = Sample.Key(), amount = 200m, payer = "县财政局", payerType = "outsideUnit", purpose = "补助", accountCode = "4001",
            voucherNumber = "收-2", businessDate = DaysAgo(1), correctionReason = "漏记",
        }, 200);
        await Plant(bankB, new ReceiptRecorded(bankB, b.Code, 300m, "某人", HolderType.Individual, "补记", "4609", "收-3",
            Sample.Stamp() with { BusinessDate = Today.PlusDays(-2), Actor = "importer" }));           // B backDatedEntry
        await Plant(bankB, new PaymentRecorded(bankB, b.Code, 700m, new Payee("某公司", HolderType.OutsideUnit, null), "导入",   // B outflowInFreeze
            "5101", "记-导入", new Approval("某人", "无", Sample.Now()), null, null,
            Sample.Stamp() with { Actor = "importer" }));
        await b.LockDebts();
        await _api.Post($"/api/debts/{claimB}/reductions", new                                       // B claimLoss
        {
            idempotencyKey = Sample.Key(), amount = 3_000m, how = "writeOff", document = "核销决议",
            approval = new { approver = "乡长", document = "乡务会〔2026〕4号", approvedAt = "2026-01-05T02:00:00Z" },
        }, 200);
        await b.Count(bankB);
        await b.Count(claimB);
        await b.Count(iou);
        await b.Count(vehicleB, "missing", reason: "去向不明");                                      // B shortageAtCount, itemNotHandedOver
        await b.Count(buildingB, "adjusted", 50_000m, "评估减值");                                    // B unapprovedWriteDown
        await b.Count(computerB, "adjusted", 9_500m, "折旧");                                         // clean: a small write-down
        await b.CloseInventory();
        var stray = Guid.NewGuid();                                                                   // B missingOrExtraEntry: entered after the count
        await Plant(stray, new AssetRegistered(stray, b.Code, "ZC-补", Ownership.State, AssetCategory.OfficeEquipment, "打印机", null, 1, "台",
            700m, 0m, Today, "乡政府", null, null, Sample.Stamp() with { Actor = "importer" }));
        await b.PublishNotice();
        await b.Confirm();
        await b.DraftHandover();
        await b.SignedByAll();

        await _api.CaughtUp();
        var found = Leads(await _api.Get($"/api/leads?reform={reformId}"));
        string[] expected =
        [
            $"{a.Code} cashAboveLimit", $"{a.Code} debtInflation", $"{a.Code} exceptedOutflow", $"{a.Code} exceptedOutflow",
            $"{a.Code} exceptedOutflow", $"{a.Code} largeCashPayment", $"{a.Code} offBookIncome", $"{a.Code} rushSpending", $"{a.Code} sharedPayee",
            $"{a.Code} splitPayment", $"{a.Code} transferToNonSuccessor",
            $"{b.Code} backDatedEntry", $"{b.Code} claimLoss", $"{b.Code} iousForCash", $"{b.Code} itemNotHandedOver",
            $"{b.Code} missingOrExtraEntry", $"{b.Code} outflowInFreeze", $"{b.Code} payeeIsActor", $"{b.Code} sharedPayee",
            $"{b.Code} shortageAtCount", $"{b.Code} unapprovedWriteDown",
            $"{c.Code} approvalAfterPayment", $"{c.Code} bonus", $"{c.Code} cheapLease", $"{c.Code} disposalWithoutResolution", $"{c.Code} dividingAssets",
            $"{c.Code} hospitality", $"{c.Code} loanToOutsider", $"{c.Code} payRise", $"{c.Code} privateAccount", $"{c.Code} receiptsNotBanked",
            $"{c.Code} rushHiring",
            // No exception, disposal, write-off or distribution here cites a document (附件): each is also undocumented.
            // The forest's second year began 35 days ago and its rent is unpaid too.
            $"{a.Code} rentInArrears",
            .. Enumerable.Repeat($"{a.Code} undocumentedEntry", 4), $"{b.Code} undocumentedEntry", .. Enumerable.Repeat($"{c.Code} undocumentedEntry", 2),
        ];
        found.ShouldBe(expected.Order(StringComparer.Ordinal), ignoreOrder: false);

        var split = (await _api.Get($"/api/leads?reform={reformId}&rule=splitPayment"))[0];
        split.GetProperty("counterparty").GetString().ShouldBe("张三劳务");
        split.GetProperty("amount").GetDecimal().ShouldBe(1_200m);
        split.GetProperty("events").GetArrayLength().ShouldBe(2);
        split.GetProperty("actors")[0].GetString().ShouldBe(LedgerApi.DefaultActor);
        split.GetProperty("flag").GetString().ShouldBe("拆分支付");
        split.GetProperty("summary").GetString().ShouldBe($"东乡（{a.Code}）7天内向张三劳务付款2笔，每笔低于审批限额¥1,000.00，合计¥1,200.00");
        var payment = split.GetProperty("events")[0];
        (payment.GetProperty("purpose").GetString(), payment.GetProperty("accountCode").GetString(), payment.GetProperty("approver").GetString())
            .ShouldBe(("日常开支", "541", "镇长"));
        var excepted = (await _api.Get($"/api/leads?reform={reformId}&rule=exceptedOutflow")).EnumerateArray()
            .Select(l => l.GetProperty("events")[0]).Single(e => e.GetProperty("type").GetString() == "assetDisposed");
        excepted.GetProperty("value").GetDecimal().ShouldBe(50_000m);
        excepted.GetProperty("exception").GetString().ShouldBe("财特批〔2026〕9号（县财政局）");

        var period = $"from={startedAt}&to={Sample.Now() + Duration.FromSeconds(1)}";
        Leads(await _api.Get($"/api/leads?reform={reformId}&{period}")).ShouldBe(found);
        Leads(await _api.Get($"/api/leads?unit={b.Code}&{period}")).ShouldBe(found.Where(l => l.StartsWith(b.Code)));
    }

    [Fact]
    public async Task Unknown_filters_are_refused_naming_the_parameter()
    {
        (await _api.Get("/api/leads?rule=nope", 400)).GetProperty("errors").GetProperty("rule")[0].GetString()!.ShouldContain("splitPayment");
        (await _api.Get("/api/leads?reform=x", 400)).GetProperty("errors").TryGetProperty("reform", out _).ShouldBeTrue();
        (await _api.Get("/api/leads?from=2026-01-01T00:00:00Z", 400)).GetProperty("errors").TryGetProperty("reform", out _).ShouldBeTrue();
        (await _api.Get("/api/leads?withdrawn=maybe", 400)).GetProperty("errors").TryGetProperty("withdrawn", out _).ShouldBeTrue();
    }

    private static List<string> Leads(JsonElement leads) =>
        leads.EnumerateArray().Select(l => $"{l.GetProperty("unitCode").GetString()} {l.GetProperty("rule").GetString()}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>An entry written around the commands' guards, as an import could.</summary>
    private async Task Plant(Guid stream, ILedgerEvent entry)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Events.Append(stream, entry);
        await session.SaveChangesAsync();
    }
}
