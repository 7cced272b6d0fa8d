using Marten;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Funds;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Resources;
using Sanzi.Ledger.Units;
using Sanzi.Projections.Contracts;
using Sanzi.Projections.Leads;
using Wolverine.Http;

namespace Sanzi.Api.Contracts;

/// <summary>
/// Contracts that remind (合同提醒): a unit's or a whole reform's resource contracts still running, with those that run
/// out within <c>Leads__ContractReminderDays</c> and those in arrears for the year under way flagged; the same
/// arrears are the <c>rentInArrears</c> lead.
/// </summary>
public static class ContractEndpoints
{
    [WolverineGet("/api/units/{code}/contracts")]
    public static async Task<ContractReport> Unit(string code, IQuerySession session, LeadThresholds thresholds, IClock clock, CancellationToken ct)
    {
        var unit = await session.UnitAsync(code, ct);
        return await ReportAsync([unit.Code], session, thresholds, clock, ct);
    }

    [WolverineGet("/api/reforms/{id}/contracts")]
    public static async Task<ContractReport> Reform(Guid id, IQuerySession session, LeadThresholds thresholds, IClock clock, CancellationToken ct)
    {
        var reform = await session.LoadAsync<Reform>(id, ct) ?? throw Refused.NotFound($"Reform {id} is not in the ledger.");
        return await ReportAsync([.. reform.Predecessors.Select(p => p.Code), .. reform.Successors.Select(s => s.Code)], session, thresholds, clock, ct);
    }

    private static async Task<ContractReport> ReportAsync(string[] codes, IQuerySession session, LeadThresholds thresholds, IClock clock,
        CancellationToken ct)
    {
        var today = Stamp.DayOf(clock.GetCurrentInstant());
        var contracts = await session.Events.QueryRawEventDataOnly<ResourceContracted>().Where(c => c.UnitCode.IsOneOf(codes)).ToListAsync(ct);
        var receipts = await session.Events.QueryRawEventDataOnly<ReceiptRecorded>()
            .Where(r => r.UnitCode.IsOneOf(codes) && r.AccountCode == ChartCodes.ContractIncome).ToListAsync(ct);
        var lines = ContractReminders.Build(contracts, receipts.ToList(), today, thresholds);
        var items = (await session.LoadManyAsync<Item>(ct, lines.Select(l => l.ResourceId).Distinct().ToArray())).ToDictionary(i => i.Id);
        var units = (await session.LoadManyAsync<UnitBook>(ct, codes.Select(StreamIds.ForUnit).ToArray())).ToDictionary(u => u.Code, u => u.Name);
        return new ContractReport(today, thresholds.ContractReminderDays, lines.Count(l => l.ExpiresSoon), lines.Count(l => l.InArrears),
            lines.Select(l => new ContractRow(units.GetValueOrDefault(l.UnitCode, l.UnitCode),
                items.TryGetValue(l.ResourceId, out var item) ? $"{item.ItemCode} {item.Name}" : l.ResourceId.ToString(), l)).ToList());
    }
}

/// <summary>The running contracts, soonest to expire first, with how many expire soon and how many are in arrears.</summary>
public sealed record ContractReport(LocalDate Today, int WithinDays, int ExpiringSoon, int InArrears, IReadOnlyList<ContractRow> Contracts);

/// <summary>A contract line with its unit's and resource's names.</summary>
public sealed record ContractRow(string UnitName, string Resource, ContractLine Contract);
