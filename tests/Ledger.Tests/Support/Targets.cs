namespace Sanzi.Tests.Support;

/// <summary>
/// Open books to aim requests at: a village of one township under a declared (not frozen) reform into another of its
/// villages, holding an asset, a resource, a bank account and a claim.
/// </summary>
public sealed record Targets(string Township, string Village, Guid Reform, Guid Asset, Guid Resource, Guid Account, Guid Debt)
{
    public static async Task<Targets> CreateAsync(LedgerApi api)
    {
        var township = Sample.TownshipCode();
        var books = new Books(api, township + "201");
        var reform = (await api.Post("/api/reforms", new
        {
            idempotencyKey = Sample.Key(), title = "两村合并", approvalDocument = "临政复〔2026〕9号", approvedOn = "2026-11-01",
            plannedFreezeDate = "2026-11-30", mode = "fullMerger",
            predecessors = new[] { new { code = books.Code, name = "东村" } }, successors = new[] { new { code = township + "210", name = "新村" } },
        }, 201)).GetProperty("reformId").GetGuid();
        return new Targets(township, books.Code, reform, await books.Asset("vehicle", "皮卡车", 86_000m),
            await books.Resource("cropland", 10m), await books.Account("bank", 10_000m),
            await books.Debt("claim", "receivable", "县印刷厂", 500m));
    }

    /// <summary>A route template with its placeholders pointed at these books.</summary>
    public string Fill(string route) => route
        .Replace("/api/reforms/{id}", $"/api/reforms/{Reform}")
        .Replace("/api/assets/{id}", $"/api/assets/{Asset}")
        .Replace("/api/resources/{id}", $"/api/resources/{Resource}")
        .Replace("/api/fund-accounts/{id}", $"/api/fund-accounts/{Account}")
        .Replace("/api/debts/{id}", $"/api/debts/{Debt}")
        .Replace("{id}", Asset.ToString())
        .Replace("{code}", Village)
        .Replace("{objectionId}", Guid.NewGuid().ToString())
        .Replace("{exceptionId}", Guid.NewGuid().ToString())
        .Replace("{noticeId}", Guid.NewGuid().ToString())
        .Replace("{name}", Uri.EscapeDataString("县印刷厂"))
        .Replace("{table}", "assets")
        .Replace("{sha256}", new string('0', 64));
}
