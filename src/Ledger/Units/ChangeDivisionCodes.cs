using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Reforms;

namespace Sanzi.Ledger.Units;

public sealed record CodeChangeInput(string? OldCode, string? NewCode, string? Name);

/// <summary>One village moving to the new township: its old code, its new code, and its name (to register it if the ledger doesn't know it).</summary>
public sealed record CodeChange(string OldCode, string NewCode, string Name);

/// <summary>
/// Records that villages of a township reform's old townships move to the new township under new division codes
/// (行政区划代码变更: old code → new code) from a business date. Each village keeps its books and history and is
/// found by either code; the old code is retired.
/// </summary>
public sealed record ChangeDivisionCodes(string IdempotencyKey, LocalDate EffectiveFrom, IReadOnlyList<CodeChange> Changes, LocalDate? BusinessDate)
    : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(string? IdempotencyKey, LocalDate? EffectiveFrom, IReadOnlyList<CodeChangeInput>? Changes, LocalDate? BusinessDate)
        : ICommandRequest<ChangeDivisionCodes>
    {
        public ChangeDivisionCodes Validate()
        {
            var rules = new Rules().IdempotencyKey(IdempotencyKey)
                .Check(EffectiveFrom is not null, "effectiveFrom", "is required")
                .Check(Changes is { Count: > 0 }, "changes", "must list at least one village moving: oldCode, newCode, name");
            var changes = Changes ?? [];
            for (var i = 0; i < changes.Count; i++)
            {
                var c = changes[i];
                rules.DivisionCode(c.OldCode, $"changes[{i}].oldCode").DivisionCode(c.NewCode, $"changes[{i}].newCode")
                    .Required(c.Name, $"changes[{i}].name", 100)
                    .Check(c.OldCode?.Length != 9, $"changes[{i}].oldCode", "must be a village's 12-digit code")
                    .Check(c.NewCode?.Length != 9, $"changes[{i}].newCode", "must be a village's 12-digit code");
            }
            var codes = changes.SelectMany(c => new[] { c.OldCode, c.NewCode }).ToList();
            rules.Check(codes.Distinct().Count() == codes.Count, "changes", "each code may appear once, and a new code must differ from the old");
            rules.ThrowIfBroken();
            return new(IdempotencyKey!, EffectiveFrom!.Value, changes.Select(c => new CodeChange(c.OldCode!, c.NewCode!, c.Name!)).ToList(), BusinessDate);
        }
    }

    /// <summary>The village units as the ledger knows them now (null: not yet registered), and whether each new code is already taken.</summary>
    public sealed record Villages(IReadOnlyDictionary<string, UnitBook?> ByOldCode, IReadOnlySet<string> TakenCodes);

    public IReadOnlyList<StreamEvent> Decide(Reform reform, Villages villages, Stamp stamp)
    {
        var events = new List<StreamEvent>();
        for (var i = 0; i < Changes.Count; i++)
        {
            var (oldCode, newCode, name) = Changes[i];
            var from = reform.Predecessors.FirstOrDefault(p => oldCode.StartsWith(p.Code, StringComparison.Ordinal) && p.Code.Length == 9)
                       ?? throw Refused.Invalid($"changes[{i}].oldCode", $"must be a village of one of the reform's old townships ({string.Join(", ", reform.Predecessors.Select(p => p.Code))})");
            if (!newCode.StartsWith(from.SuccessorCode, StringComparison.Ordinal))
                throw Refused.Invalid($"changes[{i}].newCode", $"must be a village code of the new township {from.SuccessorCode}");
            if (villages.TakenCodes.Contains(newCode))
                throw Refused.Conflict($"Code {newCode} already names a unit or was retired (已撤销); a code is never given twice.");

            var unit = villages.ByOldCode[oldCode];
            if (unit is not null && unit.Retired(oldCode))
                throw Refused.Conflict($"Code {oldCode} was retired (已撤销){(unit.IsClosed ? "" : $": the village is now {unit.Code}")}; it can't change again.");
            var id = StreamIds.ForUnit(oldCode);
            if (unit is null) events.Add(new(id, new UnitRegistered(oldCode, name, UnitLevel.Village, stamp)));
            events.Add(new(id, new DivisionCodeChanged(id, oldCode, newCode, EffectiveFrom, reform.Id, stamp)));
        }
        return events;
    }
}

/// <summary>The answer to <see cref="ChangeDivisionCodes"/>: each village's codes, old and new, from the date.</summary>
public sealed record DivisionCodesChanged(Guid ReformId, LocalDate EffectiveFrom, IReadOnlyList<CodeChange> Changes);
