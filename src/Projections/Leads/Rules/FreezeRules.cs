using Sanzi.Projections.Audit;
using Sanzi.Ledger.Common;

namespace Sanzi.Projections.Leads;

/// <summary>
/// Outflow in the freeze window (冻结期违规支出): a payment, disposal or new or grown liability recorded at or
/// after the unit's freeze without an exception (特批). The commands refuse these, so a lead means the
/// guard was bypassed (an import, a direct write) and is worth the most attention.
/// </summary>
public sealed class OutflowInFreeze : ILeadRule
{
    public string Name => "outflowInFreeze";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Outflows().Where(o => scope.InFreezeWindow(o.Fact) && o.ExceptionId is null)
            .Select(o => Lead.Of(Name, o.UnitCode, $"A {o.What} of {o.Amount:0.00} after the freeze without an exception (冻结期违规支出)",
                o.Amount, null, o.Counterparty, [o.Fact]));
}

/// <summary>
/// Excepted outflow (特批支出): an outflow in the freeze window under an exception, listed apart from the
/// unexcepted ones so inspectors can review every exception's use against its reason.
/// </summary>
public sealed class ExceptedOutflow : ILeadRule
{
    public string Name => "exceptedOutflow";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Outflows().Where(o => scope.InFreezeWindow(o.Fact) && o.ExceptionId is not null)
            .Select(o =>
            {
                var exception = scope.Exception(o.ExceptionId);
                return Lead.Of(Name, o.UnitCode,
                    $"A {o.What} of {o.Amount:0.00} after the freeze under exception {exception?.Document ?? o.ExceptionId.ToString()} (特批): {exception?.Reason}",
                    o.Amount, exception?.MaxAmount, o.Counterparty, [o.Fact]);
            });
}

/// <summary>
/// Back-dated entry across the freeze (跨冻结补记): an entry recorded at or after its unit's freeze but dated
/// before the freeze day, or any entry marked as a correction. Such entries can slip spending past the freeze.
/// </summary>
public sealed class BackDatedEntry : ILeadRule
{
    public string Name => "backDatedEntry";

    public IEnumerable<Lead> Find(LeadScope scope) =>
        scope.Facts.Where(f => f.Stamp.Correction is not null || CrossesFreeze(scope, f))
            .Select(f => Lead.Of(Name, f.UnitCode!,
                $"{f.Type} dated {f.BusinessDate} recorded on {f.Stamp.RecordedOn}" +
                (f.Stamp.Correction is { } why ? $", as a correction: {why}" : ", across the freeze"),
                f.Amount ?? 0m, null, f.Counterparty, [f]));

    private static bool CrossesFreeze(LeadScope scope, EventFact f) =>
        scope.InFreezeWindow(f) && f.BusinessDate < Stamp.DayOf(scope.FrozenAt(f.UnitCode!)!.Value);
}
