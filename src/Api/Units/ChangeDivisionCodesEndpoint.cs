using Marten;
using Sanzi.Api.Commands;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;
using Sanzi.Ledger.Units;
using Wolverine.Http;

namespace Sanzi.Api.Units;

/// <summary>
/// Villages moving from an old township to the new one under new codes (行政区划代码变更). Each village's stream is
/// fetched under its version guard, and the new codes are checked against every unit and earlier change.
/// </summary>
public static class ChangeDivisionCodesEndpoint
{
    [WolverinePost("/api/reforms/{id}/code-changes")]
    public static async Task<IResult> Post(ChangeDivisionCodes command, Guid id, Stamp stamp, IDocumentSession session, CancellationToken ct)
    {
        var reform = await session.LoadAsync<Reform>(id, ct) ?? throw Refused.NotFound($"Reform {id} is not in the ledger.");
        var byOldCode = new Dictionary<string, UnitBook?>();
        foreach (var change in command.Changes)
            byOldCode[change.OldCode] = (await session.Events.FetchForWriting<UnitBook>(StreamIds.ForUnit(change.OldCode), ct)).Aggregate;
        var taken = new HashSet<string>();
        foreach (var change in command.Changes)
            if (await session.LoadAsync<UnitBook>(StreamIds.ForUnit(change.NewCode), ct) is not null
                || await session.LoadAsync<DivisionCodeAlias>(change.NewCode, ct) is not null)
                taken.Add(change.NewCode);

        session.Append(command.Decide(reform, new ChangeDivisionCodes.Villages(byOldCode, taken), stamp));
        return Answer.Ok(new DivisionCodesChanged(id, command.EffectiveFrom, command.Changes));
    }
}
