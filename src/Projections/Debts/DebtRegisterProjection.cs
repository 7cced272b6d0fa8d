using Marten.Events.Projections;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Debts;

namespace Sanzi.Projections.Debts;

/// <summary>
/// The debt register (债权债务清单), one <see cref="DebtLine"/> per claim or liability. The debt lock lives on
/// the unit's stream and carries every balance, so it fans out to the lines it names.
/// </summary>
public partial class DebtRegisterProjection : MultiStreamProjection<DebtLine, Guid>
{
    public DebtRegisterProjection()
    {
        Identity<DebtRecorded>(e => e.DebtId);
        Identity<DebtIncreased>(e => e.DebtId);
        Identity<DebtReduced>(e => e.DebtId);
        Identities<DebtsLocked>(e => e.Balances.Select(b => b.DebtId).ToList());
    }

    public DebtLine Create(DebtRecorded e) => DebtLine.Recorded(e);

    public DebtLine Apply(DebtIncreased e, DebtLine line) => line.Moved(e.UnitCode, "increase", e.Amount, e.Document, e.Stamp);

    public DebtLine Apply(DebtReduced e, DebtLine line) => line.Moved(e.UnitCode, ApiNames.Name(e.How), -e.Amount, e.Document, e.Stamp);

    public DebtLine Apply(DebtsLocked e, DebtLine line) => line.Locked(e);
}
