using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Reforms;

/// <summary>One old unit in a declared plan; <c>SuccessorCode</c> may be left out when there is one new unit.</summary>
public sealed record PredecessorInput(string? Code, string? Name, string? SuccessorCode);

public sealed record SuccessorInput(string? Code, string? Name);

/// <summary>A reform entered after the fact (补录): the document it is entered under and why, e.g. 纸质账簿补录.</summary>
public sealed record AfterTheFactInput(string? Document, string? Reason);

/// <summary>A county declares a reform (调整方案): old units, the new units they merge into, and the approval.</summary>
public sealed record DeclareReform(
    string IdempotencyKey,
    string Title,
    string ApprovalDocument,
    LocalDate ApprovedOn,
    LocalDate PlannedFreezeDate,
    IReadOnlyList<Predecessor> Predecessors,
    IReadOnlyList<Successor> Successors,
    IntegrationMode Mode,
    int NoticeDays,
    RecordedAfterTheFact? AfterTheFact,
    LocalDate? BusinessDate,
    bool? ObjectionRound = null) : ILedgerCommand
{
    /// <summary>The public notice (公示) period when the reform sets none; local rules may set another.</summary>
    public const int DefaultNoticeDays = 7;

    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? Title,
        string? ApprovalDocument,
        LocalDate? ApprovedOn,
        LocalDate? PlannedFreezeDate,
        IReadOnlyList<PredecessorInput>? Predecessors,
        IReadOnlyList<SuccessorInput>? Successors,
        IntegrationMode? Mode,
        int? NoticeDays,
        AfterTheFactInput? AfterTheFact,
        LocalDate? BusinessDate,
        bool? ObjectionRound = null) : ICommandRequest<DeclareReform>
    {
        public DeclareReform Validate()
        {
            var rules = new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Required(Title, "title")
                .Required(ApprovalDocument, "approvalDocument", 100)
                .Check(ApprovedOn is not null, "approvedOn", "is required")
                .Check(PlannedFreezeDate is not null, "plannedFreezeDate", "is required")
                .Check(PlannedFreezeDate is null || ApprovedOn is null || PlannedFreezeDate >= ApprovedOn, "plannedFreezeDate",
                    "may not be before approvedOn")
                .Check(Predecessors is { Count: > 0 }, "predecessors", "must list at least one old unit")
                .Check(Successors is { Count: > 0 }, "successors", "must list at least one new unit")
                .OneOf(Mode, "mode", required: false)
                .Check(NoticeDays is null or >= 0 and <= 60, "noticeDays", "must be between 0 and 60 days");
            if (AfterTheFact is not null)
                rules.Required(AfterTheFact.Document, "afterTheFact.document", 100).Required(AfterTheFact.Reason, "afterTheFact.reason", 500);

            var successors = Successors ?? [];
            for (var i = 0; i < successors.Count; i++)
                rules.DivisionCode(successors[i].Code, $"successors[{i}].code").Required(successors[i].Name, $"successors[{i}].name");

            var successorCodes = successors.Select(s => s.Code).ToHashSet();
            var predecessors = Predecessors ?? [];
            for (var i = 0; i < predecessors.Count; i++)
            {
                var p = predecessors[i];
                rules.DivisionCode(p.Code, $"predecessors[{i}].code").Required(p.Name, $"predecessors[{i}].name");
                if (p.SuccessorCode is null)
                    rules.Check(successors.Count <= 1, $"predecessors[{i}].successorCode", "is required when there are several new units");
                else
                    rules.Check(successorCodes.Contains(p.SuccessorCode), $"predecessors[{i}].successorCode", "must be one of the successors' codes");
            }

            var codes = predecessors.Select(p => p.Code).Concat(successors.Select(s => s.Code)).Where(c => c is not null).ToList();
            rules.Check(codes.Count == codes.Distinct().Count(), "predecessors",
                "each unit may appear once; a new unit needs a code of its own");
            var levels = codes.Where(c => DivisionCode.IsValid(c!)).Select(c => DivisionCode.LevelOf(c!)).Distinct().Count();
            rules.Check(levels <= 1, "successors", "old and new units must all be townships (9 digits) or all villages (12 digits)");
            rules.ThrowIfBroken();

            var typed = successors.Select(s => new Successor(s.Code!, s.Name!)).ToList();
            return new(IdempotencyKey!, Title!, ApprovalDocument!, ApprovedOn!.Value, PlannedFreezeDate!.Value,
                predecessors.Select(p => new Predecessor(p.Code!, p.Name!, p.SuccessorCode ?? typed[0].Code)).ToList(), typed,
                Mode ?? IntegrationMode.FullMerger, NoticeDays ?? DefaultNoticeDays,
                AfterTheFact is null ? null : new RecordedAfterTheFact(AfterTheFact.Document!, AfterTheFact.Reason!), BusinessDate, ObjectionRound);
        }
    }

    /// <summary>Every unit the reform names, old and new.</summary>
    public IEnumerable<string> UnitCodes => Predecessors.Select(p => p.Code).Concat(Successors.Select(s => s.Code));

    public IReadOnlyList<StreamEvent> Decide(Guid reformId, IReadOnlyDictionary<string, UnitBook?> units, Stamp stamp)
    {
        var events = new List<StreamEvent>
        {
            new(reformId, new ReformDeclared(reformId, Title, ApprovalDocument, ApprovedOn, PlannedFreezeDate, Predecessors, Successors, Mode,
                NoticeDays, stamp, AfterTheFact, ObjectionRound)),
        };
        foreach (var (code, name) in Predecessors.Select(p => (p.Code, p.Name)).Concat(Successors.Select(s => (s.Code, s.Name))))
            if (units[code] is null)
                events.Add(new(StreamIds.ForUnit(code), new UnitRegistered(code, name, DivisionCode.LevelOf(code), stamp)));

        foreach (var code in units.Where(u => u.Value is { } unit && unit.Retired(u.Key)).Select(u => u.Key))
            throw Refused.Conflict($"Unit {code} was merged away or given a new code, and this code retired (已撤销); a retired code is not reused.");

        foreach (var p in Predecessors)
        {
            if (units[p.Code] is { ReformId: { } other })
                throw Refused.Conflict($"Unit {p.Code} already belongs to reform {other}; a unit can be merged away only once.");
            events.Add(new(StreamIds.ForUnit(p.Code), new UnitJoinedReform(p.Code, reformId, stamp, AfterTheFact)));
        }
        return events;
    }
}

/// <summary>The answer to <see cref="DeclareReform"/>.</summary>
public sealed record ReformDeclaration(Guid ReformId);
