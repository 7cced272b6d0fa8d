namespace Sanzi.Tests.Support;

/// <summary>A reform whose two old townships both paid one payee: the inspection finds a shared-payee lead (共同收款方) for each.</summary>
public static class SharedPayees
{
    public static async Task<(Guid ReformId, string Payee)> WriteAsync(LedgerApi api)
    {
        var a = new Books(api, Sample.TownshipCode());
        var b = new Books(api, Sample.TownshipCode());
        var reformId = (await api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "两乡合并", approvalDocument = "赣府字〔2026〕33号", approvedOn = "2026-11-01",
            plannedFreezeDate = "2026-11-30", noticeDays = 0,
            predecessors = new[] { new { code = a.Code, name = "东乡" }, new { code = b.Code, name = "西乡" } },
            successors = new[] { new { code = Sample.TownshipCode(), name = "新镇" } },
        }, 201)).GetProperty("reformId").GetGuid();
        var payee = $"县热力公司{Guid.NewGuid():N}"[..12];
        foreach (var books in new[] { a, b })
            await api.Post($"/api/fund-accounts/{await books.Account("bank", 10_000m)}/payments", new
            {
                idempotencyKey = Sample.Key(), amount = 900m, payeeName = payee, payeeType = "outsideUnit", purpose = "供暖费", accountCode = "541",
                voucherNumber = "记-1", approval = new { approver = "乡长", document = "乡务会纪要〔2026〕2号", approvedAt = "2026-01-05T02:00:00Z" },
            }, 200);
        return (reformId, payee);
    }
}
