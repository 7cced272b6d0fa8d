using Marten.Events.Projections;

namespace Sanzi.Ledger.Units;

/// <summary>A unit's new division code, pointing at the stream its books have kept since before the change.</summary>
public sealed record DivisionCodeAlias(string Id, Guid UnitId, string OldCode);

/// <summary>Finds a unit by a code it was given by a code change (行政区划代码变更); its stream id derives from the first code.</summary>
public partial class DivisionCodeAliases : MultiStreamProjection<DivisionCodeAlias, string>
{
    public DivisionCodeAliases() => Identity<DivisionCodeChanged>(e => e.NewCode);

    public DivisionCodeAlias Create(DivisionCodeChanged e) => new(e.NewCode, e.UnitId, e.OldCode);
}
